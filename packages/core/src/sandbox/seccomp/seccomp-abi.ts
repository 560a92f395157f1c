/** Constants of the seccomp ABI (linux/seccomp.h, linux/audit.h, errno.h, sched.h). */

export const SECCOMP_RET_KILL_PROCESS = 0x80000000;
export const SECCOMP_RET_ERRNO = 0x00050000;
export const SECCOMP_RET_ALLOW = 0x7fff0000;

export const EPERM = 1;
export const ENOSYS = 38;

export const AUDIT_ARCH_X86_64 = 0xc000003e;
export const AUDIT_ARCH_AARCH64 = 0xc00000b7;

/** x86-64 marks x32-ABI syscalls with this bit in the number. */
export const X32_SYSCALL_BIT = 0x40000000;

/** Offsets into `struct seccomp_data { int nr; u32 arch; u64 ip; u64 args[6]; }`. */
export const OFFSET_NR = 0;
export const OFFSET_ARCH = 4;
/** Low 32 bits of args[i] (little-endian): enough for int/unsigned int parameters. */
export const argLow = (i: number): number => 16 + 8 * i;

export const TIOCSTI = 0x5412;
export const TIOCLINUX = 0x541c;
export const AF_UNIX = 1;
export const PER_LINUX = 0x0000;
/** personality(0xffffffff) only queries the current persona. */
export const PER_QUERY = 0xffffffff;

/** Namespace flags that clone(2) accepts in its first argument. */
export const CLONE_NEWNS = 0x00020000;
export const CLONE_NEWCGROUP = 0x02000000;
export const CLONE_NEWUTS = 0x04000000;
export const CLONE_NEWIPC = 0x08000000;
export const CLONE_NEWUSER = 0x10000000;
export const CLONE_NEWPID = 0x20000000;
export const CLONE_NEWNET = 0x40000000;
// CLONE_NEWTIME (0x80) is left out on purpose: in clone(2)'s first argument the
// low byte is the exit signal, so 0x80 is not a flag there (only unshare/clone3
// take it, and both are refused whole).
export const CLONE_NAMESPACE_FLAGS =
  CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET;
