import type { FileOperation } from './file-access.js';

/**
 * Where the path arguments of each traced syscall sit: `dirfd` is the index of the
 * directory fd a relative path resolves against (none: the process cwd), `path` the
 * index of the path, `target` of a second path (new name), `flags` of open flags.
 */
export interface SyscallShape {
  op: FileOperation | 'open' | 'unlinkat' | 'chdir';
  path: number;
  dirfd?: number;
  target?: number;
  targetDirfd?: number;
  flags?: number;
}

export const SYSCALL_SHAPES: Readonly<Record<string, SyscallShape>> = {
  open: { op: 'open', path: 0, flags: 1 },
  openat: { op: 'open', dirfd: 0, path: 1, flags: 2 },
  openat2: { op: 'open', dirfd: 0, path: 1, flags: 2 },
  creat: { op: 'create', path: 0 },
  mkdir: { op: 'mkdir', path: 0 },
  mkdirat: { op: 'mkdir', dirfd: 0, path: 1 },
  rmdir: { op: 'rmdir', path: 0 },
  unlink: { op: 'unlink', path: 0 },
  unlinkat: { op: 'unlinkat', dirfd: 0, path: 1, flags: 2 },
  rename: { op: 'rename', path: 0, target: 1 },
  renameat: { op: 'rename', dirfd: 0, path: 1, targetDirfd: 2, target: 3 },
  renameat2: { op: 'rename', dirfd: 0, path: 1, targetDirfd: 2, target: 3 },
  // For links the path that gets written is the new name.
  link: { op: 'link', path: 1 },
  linkat: { op: 'link', dirfd: 2, path: 3 },
  symlink: { op: 'symlink', path: 1 },
  symlinkat: { op: 'symlink', dirfd: 1, path: 2 },
  chmod: { op: 'chmod', path: 0 },
  fchmodat: { op: 'chmod', dirfd: 0, path: 1 },
  chown: { op: 'chown', path: 0 },
  lchown: { op: 'chown', path: 0 },
  fchownat: { op: 'chown', dirfd: 0, path: 1 },
  truncate: { op: 'truncate', path: 0 },
  mknod: { op: 'mknod', path: 0 },
  mknodat: { op: 'mknod', dirfd: 0, path: 1 },
  chdir: { op: 'chdir', path: 0 },
};

/** Open flags that make an open a write. */
const WRITE_FLAGS = /\bO_(WRONLY|RDWR|CREAT|TRUNC|APPEND)\b/;

/** The operation an open (or unlinkat) really is, from its flags. */
export function refineOperation(shape: SyscallShape, flags: string): FileOperation | 'chdir' {
  if (shape.op === 'open') {
    if (/\bO_CREAT\b/.test(flags) && /\bO_EXCL\b/.test(flags)) return 'create';
    return WRITE_FLAGS.test(flags) ? 'open-write' : 'open-read';
  }
  if (shape.op === 'unlinkat') return /\bAT_REMOVEDIR\b/.test(flags) ? 'rmdir' : 'unlink';
  return shape.op;
}
