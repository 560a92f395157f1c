import { isAbsolute, relative, resolve } from 'node:path';
import type { AuditScope, FileAccess, FileOperation } from './file-access.js';
import type { SyscallRecord } from './parse-strace.js';
import type { StraceArg } from './strace-args.js';
import { refineOperation, SYSCALL_SHAPES } from './syscall-shape.js';

const REFUSAL_ERRNOS = new Set(['EACCES', 'EPERM', 'EROFS']);

const under = (p: string, root: string) => {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

const text = (a: StraceArg | undefined) => (a?.kind === 'string' ? a.value : undefined);
const raw = (a: StraceArg | undefined) => (a?.kind === 'raw' ? a.text : '');

/** Why this access counts as refused, or undefined when the sandbox did not stand in its way. */
function outcomeOf(rec: SyscallRecord, op: FileOperation, path: string, scope: AuditScope): FileAccess['outcome'] | undefined {
  const hidden = scope.denyRead.some((d) => under(path, d));
  const failed = rec.errno !== undefined;
  if (failed) {
    if (REFUSAL_ERRNOS.has(rec.errno!)) return 'refused';
    return rec.errno === 'ENOENT' && hidden ? 'hidden' : undefined;
  }
  if (op === 'open-read') return hidden ? 'hidden' : undefined;
  // A write that "worked" in the stand-in home: it is thrown away with the sandbox.
  const inHome = scope.home !== '/' && under(path, scope.home);
  if (inHome && !scope.allowWrite.some((w) => under(path, w))) return 'discarded';
  return undefined;
}

/**
 * Turns traced syscalls into the accesses the sandbox refused, hid or discarded, in
 * order, once per (operation, path, outcome). Relative paths resolve against the
 * directory fd strace decorated, or the process's last known cwd.
 */
export function classifyAccesses(records: SyscallRecord[], scope: AuditScope): FileAccess[] {
  const cwdOf = new Map<number, string>();
  const seen = new Set<string>();
  const out: FileAccess[] = [];
  for (const rec of records) {
    const shape = SYSCALL_SHAPES[rec.name];
    if (!shape) continue;
    const dir = (i: number | undefined): string => {
      const a = i === undefined ? undefined : rec.args[i];
      return a?.kind === 'dirfd' ? a.path : cwdOf.get(rec.pid) ?? scope.cwd;
    };
    for (const a of rec.args) if (a.kind === 'dirfd' && a.atCwd) cwdOf.set(rec.pid, a.path);
    const name = text(rec.args[shape.path]);
    if (name === undefined) continue;
    const path = resolve(dir(shape.dirfd), name);
    const op = refineOperation(shape, raw(rec.args[shape.flags ?? -1]));
    if (op === 'chdir') {
      if (rec.errno === undefined) cwdOf.set(rec.pid, path);
      continue;
    }
    const outcome = outcomeOf(rec, op, path, scope);
    if (!outcome) continue;
    const key = `${op}\0${path}\0${outcome}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const targetName = shape.target === undefined ? undefined : text(rec.args[shape.target]);
    out.push({
      path,
      operation: op,
      outcome,
      ...(rec.errno ? { errno: rec.errno } : {}),
      ...(targetName !== undefined ? { target: resolve(dir(shape.targetDirfd), targetName) } : {}),
    });
  }
  return out;
}
