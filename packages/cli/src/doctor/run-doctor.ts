import type { CheckResult } from './check-result.js';
import { checkBwrap } from './check-bwrap.js';
import { checkNode, checkOs } from './check-platform.js';
import { checkSeccomp } from './check-seccomp.js';
import { checkSocat, checkStrace } from './check-tools.js';
import { checkUserNamespaces } from './check-userns.js';
import { checkWiring } from './check-wiring.js';

const LINUX_ONLY = new Set(['bwrap', 'userns', 'socat', 'strace', 'seccomp']);

export interface DoctorReport {
  /** False when a required check failed: fence would refuse to run scripts here. */
  ok: boolean;
  checks: CheckResult[];
}

export function runDoctor(project: string, env: NodeJS.ProcessEnv = process.env): DoctorReport {
  const linux = process.platform === 'linux';
  const skipped = (id: string, title: string): CheckResult => ({ id, title, status: 'skip', detail: 'Linux only', required: false });
  const checks: CheckResult[] = [
    checkOs(),
    checkNode(),
    linux ? checkBwrap() : skipped('bwrap', 'bubblewrap'),
    linux ? checkUserNamespaces() : skipped('userns', 'unprivileged user namespaces'),
    linux ? checkSocat() : skipped('socat', 'socat'),
    linux ? checkStrace() : skipped('strace', 'strace'),
    linux ? checkSeccomp() : skipped('seccomp', 'seccomp filter'),
    ...checkWiring(project, env),
  ];
  for (const c of checks) if (!linux && LINUX_ONLY.has(c.id)) c.required = false;
  return { ok: !checks.some((c) => c.required && c.status === 'fail'), checks };
}
