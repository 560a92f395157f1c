import { seccompArch, type SyscallName } from './arch.js';
import { assemble, jeq, jump, label, NEXT, stmt, type AsmLine } from './assemble.js';
import { encodeProgram, JGE_K, JSET_K, LD_W_ABS, RET_K } from './bpf.js';
import {
  AF_UNIX,
  argLow,
  CLONE_NAMESPACE_FLAGS,
  ENOSYS,
  EPERM,
  OFFSET_ARCH,
  OFFSET_NR,
  PER_LINUX,
  PER_QUERY,
  SECCOMP_RET_ALLOW,
  SECCOMP_RET_ERRNO,
  SECCOMP_RET_KILL_PROCESS,
  TIOCLINUX,
  TIOCSTI,
  X32_SYSCALL_BIT,
} from './seccomp-abi.js';

export interface SeccompOptions {
  /** Defaults to the running process's architecture. */
  arch?: NodeJS.Architecture;
  /** Refuse socket(AF_UNIX, ...): no talking to host daemons (docker, ssh-agent, dbus). */
  denyUnixSockets?: boolean;
  /**
   * Audit mode only: let ptrace through so strace, started inside the sandbox after
   * the filter is installed, can trace the script. Trade-off: a diagnostic run gives up
   * this one refusal; strace -f already holds every process of the script, so none can
   * attach to another, and the PID namespace hides everything else.
   */
  allowPtrace?: boolean;
}

/**
 * Refused outright with EPERM: debugging other processes, kernel keyrings,
 * eBPF, kernel modules and kexec, mounts and namespaces (escape routes out of
 * the bubblewrap jail), userfaultfd/perf (exploit primitives) and io_uring
 * (its operations bypass syscall filtering altogether).
 */
export const DENIED_SYSCALLS: readonly SyscallName[] = [
  'ptrace', 'process_vm_readv', 'process_vm_writev',
  'keyctl', 'add_key', 'request_key',
  'bpf', 'userfaultfd', 'perf_event_open',
  'kexec_load', 'kexec_file_load', 'init_module', 'finit_module', 'delete_module',
  'mount', 'umount2', 'pivot_root', 'move_mount', 'open_tree', 'fsopen', 'fsconfig', 'fsmount', 'fspick', 'mount_setattr',
  'unshare', 'setns',
  'io_uring_setup', 'io_uring_enter', 'io_uring_register',
];

const ret = (k: number): AsmLine => stmt(RET_K, k);
const load = (offset: number): AsmLine => stmt(LD_W_ABS, offset);

/**
 * The raw `struct sock_filter[]` that bubblewrap's `--seccomp FD` installs.
 * Layout: arch check, syscall number dispatch, per-syscall argument checks,
 * then the shared return instructions at the end (BPF jumps only forward).
 */
export function buildSeccompFilter(opts: SeccompOptions = {}): Buffer {
  const arch = seccompArch(opts.arch ?? process.arch);
  const nr = arch.syscalls;
  const lines: AsmLine[] = [
    // A foreign arch (i386 via int 0x80 on x86-64, compat arm32) would have other numbers: kill it.
    load(OFFSET_ARCH),
    jeq(arch.auditArch, NEXT, 'kill'),
    load(OFFSET_NR),
  ];
  if (arch.hasX32) lines.push(jump(JGE_K, X32_SYSCALL_BIT, 'deny', NEXT));
  for (const name of DENIED_SYSCALLS) if (!(opts.allowPtrace && name === 'ptrace')) lines.push(jeq(nr[name], 'deny'));
  lines.push(
    // ENOSYS, not EPERM: glibc and others then fall back to clone(2), whose flags we can inspect.
    jeq(nr.clone3, 'enosys'),
    jeq(nr.personality, 'personality'),
    jeq(nr.ioctl, 'ioctl'),
    jeq(nr.clone, 'clone'),
  );
  // socketpair(AF_UNIX) stays allowed: it creates an unnamed, already-connected
  // pair that reaches nothing outside, and many programs need it (libuv, Python, make -j).
  if (opts.denyUnixSockets) lines.push(jeq(nr.socket, 'socket'));
  lines.push(
    ret(SECCOMP_RET_ALLOW),

    // Only "what am I" queries and plain Linux: ADDR_NO_RANDOMIZE and friends weaken ASLR.
    label('personality'),
    load(argLow(0)),
    jeq(PER_LINUX, 'allow'),
    jeq(PER_QUERY, 'allow', 'deny'),

    // TIOCSTI/TIOCLINUX push keystrokes into the terminal the user is typing in.
    // The kernel truncates the request to 32 bits, so the low word is what counts.
    label('ioctl'),
    load(argLow(1)),
    jeq(TIOCSTI, 'deny'),
    jeq(TIOCLINUX, 'deny', 'allow'),

    // New namespaces through clone(2): the same escape as unshare(2).
    label('clone'),
    load(argLow(0)),
    jump(JSET_K, CLONE_NAMESPACE_FLAGS, 'deny', 'allow'),
  );
  if (opts.denyUnixSockets) {
    lines.push(label('socket'), load(argLow(0)), jeq(AF_UNIX, 'deny', 'allow'));
  }
  lines.push(
    label('allow'),
    ret(SECCOMP_RET_ALLOW),
    label('deny'),
    ret(SECCOMP_RET_ERRNO | EPERM),
    label('enosys'),
    ret(SECCOMP_RET_ERRNO | ENOSYS),
    label('kill'),
    ret(SECCOMP_RET_KILL_PROCESS),
  );
  return encodeProgram(assemble(lines));
}
