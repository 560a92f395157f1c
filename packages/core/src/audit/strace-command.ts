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
 * Runs strace as a child (not via exec): the sandbox's bridge was started by the
 * shell that would otherwise become strace, and strace waits for all its children.
 * The traced shell hands the script's exit code back on fd 6 and then stops strace
 * with SIGTERM (-I2 lets it detach and flush), so processes the script left behind
 * cannot keep the sandbox alive: once this wrapper exits, bubblewrap kills them.
 * strace's own stderr goes nowhere (it reports its termination there); the script
 * gets the real stderr back from fd 7.
 */
const WRAPPER = [
  'exec 5>&1 7>&2',
  'rc=$( ("$@" 6>&1 1>&5 2>/dev/null; :) )',
  '[ -n "$rc" ] || { echo "fence: audit mode: strace could not trace the script" >&2; exit 126; }',
  'exit $rc',
].join('; ');
/** The traced shell: closes the log and pipe fds so the script gets neither. */
const TRACED = `exec ${AUDIT_FD}>&- 5>&- 2>&7 7>&-; "$@" 6>&-; rc=$?; echo $rc >&6; kill -TERM $PPID; exit $rc`;

/**
 * The command run inside the sandbox in audit mode: strace follows every process of
 * the script (-f), decorates fds with their paths (-y, so `AT_FDCWD</dir>` gives the
 * cwd of relative paths), and writes to the inherited fd, opened outside the sandbox.
 */
export function auditCommand(strace: string, cmd: string[]): string[] {
  return [
    '/bin/sh', '-c', WRAPPER, 'fence-audit',
    strace, '-I2', '-f', '-qq', '-y', '-e', 'signal=none',
    '-e', `trace=${TRACED_SYSCALLS.map((s) => `?${s}`).join(',')}`,
    '-o', `/proc/self/fd/${AUDIT_FD}`,
    '--', '/bin/sh', '-c', TRACED, 'fence-audit', ...cmd,
  ];
}
