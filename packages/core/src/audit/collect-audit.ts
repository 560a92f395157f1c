import { readFileSync, rmSync } from 'node:fs';
import type { SandboxPolicy, ScriptIdentity } from '../policy/types.js';
import type { NewEvent } from '../report/event-types.js';
import { classifyAccesses } from './classify-access.js';
import type { AuditScope, FileAccess } from './file-access.js';
import { parseStrace } from './parse-strace.js';

/** What the classifier needs from a policy; small enough to keep per running script. */
export function auditScope(policy: SandboxPolicy): AuditScope {
  const fs = policy.filesystem;
  return { cwd: policy.cwd, home: fs.home, allowWrite: [...fs.allowWrite], denyRead: [...fs.denyRead] };
}

/** Reads a finished script's strace log and removes it. A missing file yields nothing. */
export function readAuditFile(file: string, scope: AuditScope): FileAccess[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  rmSync(file, { force: true });
  return classifyAccesses(parseStrace(text), scope);
}

/** One `file` event per access, naming the script that tried it. */
export function fileEvents(accesses: FileAccess[], identity: Pick<ScriptIdentity, 'name' | 'version' | 'event'>): NewEvent[] {
  return accesses.map((a) => ({
    type: 'file' as const,
    package: identity.name,
    version: identity.version,
    event: identity.event,
    ...a,
  }));
}
