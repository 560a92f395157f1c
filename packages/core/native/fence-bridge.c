/*
 * fence-bridge PORT UNIX_SOCKET CMD [ARGS...]
 * fence-bridge --ask UNIX_SOCKET MESSAGE
 *
 * Runs first inside the sandbox's empty network namespace: listens on
 * 127.0.0.1:PORT, leaves a relay running that carries each connection to the
 * script's proxy socket, then execs CMD. Because listen() happens before the
 * exec, the script can never connect too early, and nothing has to poll for
 * readiness. With --ask it is the script-shell's client of the session broker:
 * one request line, the reply to stdout (what socat would do, at a fraction of
 * its start-up cost). Built from source by the set-up where a C compiler exists;
 * without it fence uses socat and a readiness loop instead.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unix-io.h"

#define BUF (64 * 1024)

/* Copies both ways until both directions are closed; half-closes are passed on. */
static void relay(int a, int b) {
  static char buf[BUF];
  int open_a = 1, open_b = 1;
  while (open_a || open_b) {
    struct pollfd p[2] = {{a, open_a ? POLLIN : 0, 0}, {b, open_b ? POLLIN : 0, 0}};
    if (poll(p, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    for (int i = 0; i < 2; i++) {
      int from = i ? b : a, to = i ? a : b;
      if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      ssize_t n = read(from, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        shutdown(to, SHUT_WR);
        if (i) open_b = 0; else open_a = 0;
        continue;
      }
      if (write_all(to, buf, (size_t)n) < 0) return;
    }
  }
}

static void serve(int listener, const char *path) {
  signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */
  for (;;) {
    int c = accept4(listener, NULL, NULL, SOCK_CLOEXEC);
    if (c < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      _exit(1);
    }
    pid_t pid = fork();
    if (pid == 0) {
      close(listener);
      int u = connect_unix(path);
      if (u >= 0) relay(c, u);
      _exit(0);
    }
    close(c);
  }
}

/* The relay's process: stdio on /dev/null, then serve until the sandbox ends. */
static void serve_quietly(int listener, const char *path) {
  int null = open("/dev/null", O_RDWR);
  if (null >= 0) {
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    if (null > 2) close(null);
  }
  serve(listener, path);
}

/* One request, the whole reply to stdout. */
static int ask(const char *path, const char *msg) {
  int u = connect_unix(path);
  if (u < 0) return 1;
  size_t n = strlen(msg);
  if (write_all(u, msg, n) < 0 || write_all(u, "\n", 1) < 0) return 1;
  shutdown(u, SHUT_WR);
  static char buf[BUF];
  for (;;) {
    ssize_t r = read(u, buf, sizeof buf);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    if (write_all(1, buf, (size_t)r) < 0) return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "--ask") == 0) return ask(argv[2], argv[3]);
  if (argc < 4) {
    fprintf(stderr, "usage: fence-bridge PORT UNIX_SOCKET CMD [ARGS...]\n");
    return 2;
  }
  int port = atoi(argv[1]);
  int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (s < 0 || setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 || bind(s, (struct sockaddr *)&a, sizeof a) < 0 ||
      listen(s, 256) < 0) {
    /* No bridge means no network: the safe side. The script still runs. */
    perror("fence-bridge: listen");
  } else {
    /* The relay must not be a child of the script's shell (its `wait` would hang on it):
       CLONE_PARENT makes it a sibling, reaped by the sandbox's init. One fork instead of two;
       the double fork remains for when this runs as an init itself (clone then says EINVAL). */
    long child = syscall(SYS_clone, CLONE_PARENT | SIGCHLD, 0, 0, 0, 0);
    if (child == 0) serve_quietly(s, argv[2]);
    if (child < 0) {
      pid_t mid = fork();
      if (mid == 0) {
        if (fork() == 0) serve_quietly(s, argv[2]);
        _exit(0);
      }
      if (mid > 0) waitpid(mid, NULL, 0);
    }
    close(s);
  }
  execvp(argv[3], argv + 3);
  fprintf(stderr, "fence-bridge: cannot run %s: %s\n", argv[3], strerror(errno));
  return 127;
}
