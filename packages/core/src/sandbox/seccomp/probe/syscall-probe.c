/*
 * Test probe for the seccomp filter: makes each refused syscall once, with
 * arguments that are harmless even when nothing filters them (the test also
 * runs it plainly, as root), and prints "name errno" (0 = it succeeded).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void report(const char *name, long rc) {
  printf("%s %d\n", name, rc < 0 ? errno : 0);
}

#define PROBE(name, call) do { errno = 0; report(name, (long)(call)); } while (0)

int main(void) {
  char c = 0;
  int sv[2];
  const char *missing = "/nonexistent-fence-probe";
  setvbuf(stdout, NULL, _IOLBF, 0);

  /* Not tracing ourselves: ESRCH when unfiltered. */
  PROBE("ptrace", syscall(SYS_ptrace, PTRACE_PEEKDATA, getpid(), 0, 0));
  PROBE("process_vm_readv", syscall(SYS_process_vm_readv, getpid(), NULL, 0, NULL, 0, 0));
  PROBE("process_vm_writev", syscall(SYS_process_vm_writev, getpid(), NULL, 0, NULL, 0, 0));
  PROBE("keyctl", syscall(SYS_keyctl, -1000, 0, 0, 0, 0));
  PROBE("add_key", syscall(SYS_add_key, NULL, NULL, NULL, 0, 0));
  PROBE("request_key", syscall(SYS_request_key, NULL, NULL, NULL, 0));
  PROBE("bpf", syscall(SYS_bpf, -1, NULL, 0));
  PROBE("userfaultfd", syscall(SYS_userfaultfd, -1));
  PROBE("perf_event_open", syscall(SYS_perf_event_open, NULL, 0, -1, -1, 0));
  PROBE("kexec_load", syscall(SYS_kexec_load, 0, 0, NULL, 0xdead0000UL));
  PROBE("kexec_file_load", syscall(SYS_kexec_file_load, -1, -1, 0, NULL, 0xdead0000UL));
  PROBE("init_module", syscall(SYS_init_module, NULL, 0, NULL));
  PROBE("finit_module", syscall(SYS_finit_module, -1, "", 0));
  PROBE("delete_module", syscall(SYS_delete_module, "fence_no_such_module", 04000 /* O_NONBLOCK */));
  PROBE("mount", syscall(SYS_mount, missing, missing, "tmpfs", 0, NULL));
  PROBE("umount2", syscall(SYS_umount2, missing, 0));
  PROBE("pivot_root", syscall(SYS_pivot_root, missing, missing));
  PROBE("move_mount", syscall(SYS_move_mount, -1, missing, -1, missing, 0));
  PROBE("open_tree", syscall(SYS_open_tree, -1, missing, 0));
  PROBE("fsopen", syscall(SYS_fsopen, "fence-no-such-fs", 0));
  PROBE("fsconfig", syscall(SYS_fsconfig, -1, 0, NULL, NULL, 0));
  PROBE("fsmount", syscall(SYS_fsmount, -1, 0, 0));
  PROBE("fspick", syscall(SYS_fspick, -1, missing, 0));
  PROBE("mount_setattr", syscall(SYS_mount_setattr, -1, missing, 0, NULL, 0));
  /* unshare(0) changes nothing: succeeds when unfiltered. */
  PROBE("unshare", syscall(SYS_unshare, 0));
  PROBE("setns", syscall(SYS_setns, -1, 0));
  PROBE("io_uring_setup", syscall(SYS_io_uring_setup, 1, NULL));
  PROBE("io_uring_enter", syscall(SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0));
  PROBE("io_uring_register", syscall(SYS_io_uring_register, -1, 0, NULL, 0));
  /* Changes only this short-lived process's persona: succeeds when unfiltered. */
  PROBE("personality_addr_no_randomize", syscall(SYS_personality, PER_LINUX | ADDR_NO_RANDOMIZE));
  /* stdin is /dev/null or a pipe: ENOTTY when unfiltered. */
  PROBE("ioctl_tiocsti", syscall(SYS_ioctl, 0, TIOCSTI, &c));
  PROBE("ioctl_tioclinux", syscall(SYS_ioctl, 0, TIOCLINUX, &c));
  /* clone3(NULL, 0): EINVAL when unfiltered; the filter answers ENOSYS. */
  PROBE("clone3", syscall(SYS_clone3, NULL, 0));
  {
    long pid = syscall(SYS_clone, CLONE_NEWUTS | SIGCHLD, 0, 0, 0, 0);
    int saved = errno;
    if (pid == 0) _exit(0);
    if (pid > 0) waitpid((pid_t)pid, NULL, 0);
    errno = saved;
    report("clone_newuts", pid);
  }
  /* Allowed forms: these must keep working under the filter. */
  PROBE("allowed_personality_query", syscall(SYS_personality, 0xffffffffUL));
  PROBE("allowed_personality_linux", syscall(SYS_personality, PER_LINUX));
  {
    int n = 0;
    PROBE("allowed_ioctl_fionread", syscall(SYS_ioctl, 1, FIONREAD, &n) < 0 && errno != ENOTTY && errno != EINVAL ? -1 : 0);
  }
  {
    long s = syscall(SYS_socket, AF_UNIX, SOCK_STREAM, 0);
    int saved = errno;
    if (s >= 0) close((int)s);
    errno = saved;
    report("socket_unix", s);
  }
  {
    long s = syscall(SYS_socket, AF_INET, SOCK_STREAM, 0);
    int saved = errno;
    if (s >= 0) close((int)s);
    errno = saved;
    report("allowed_socket_inet", s);
  }
  {
    long r = syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
    int saved = errno;
    if (r == 0) { close(sv[0]); close(sv[1]); }
    errno = saved;
    report("allowed_socketpair_unix", r);
  }
  {
    pid_t pid = fork();
    int saved = errno;
    if (pid == 0) _exit(0);
    if (pid > 0) waitpid(pid, NULL, 0);
    errno = saved;
    report("allowed_fork", pid);
  }
  return 0;
}
