/** fd on which the audit log file reaches the sandbox (opened outside, so no path inside is writable for it). */
export const AUDIT_FD = 8;

/**
 * Syscalls that touch a path the sandbox may refuse. The `?` prefix lets strace skip
 * names this architecture lacks (aarch64 has only the `*at` forms).
 */
export const TRACED_SYSCALLS: readonly string[] = [
  'open', 'openat', 'openat2', 'creat', 'mkdir', 'mkdirat', 'rmdir', 'unlink', 'unlinkat',
  'rename', 'renameat', 'renameat2', 'link', 'linkat', 'symlink', 'symlinkat',
  'chmod', 'fchmodat', 'chown', 'lchown', 'fchownat', 'truncate', 'mknod', 'mknodat', 'chdir',
];

/**
 * The command run inside the sandbox in audit mode: strace follows every process of
 * the script (-f), decorates fds with their paths (-y, so `AT_FDCWD</dir>` gives the
 * cwd of relative paths), and writes to the inherited fd. The first traced shell closes
 * that fd before the script starts, so the script cannot write the log through it.
 */
export function auditCommand(strace: string, cmd: string[]): string[] {
  return [
    strace, '-f', '-qq', '-y', '-e', 'signal=none',
    '-e', `trace=${TRACED_SYSCALLS.map((s) => `?${s}`).join(',')}`,
    '-o', `/proc/self/fd/${AUDIT_FD}`,
    '--', '/bin/sh', '-c', `exec ${AUDIT_FD}>&-; exec "$@"`, 'fence-audit', ...cmd,
  ];
}
