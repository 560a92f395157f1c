/*
 * fence-shell, compiled: npm's and pnpm's script-shell, called as
 * `fence-shell -c "<script>"`. It does what bin/fence-shell (POSIX sh) does, without
 * a shell, a subshell or a client process: finds the install session's broker, sends
 * it this pid (the broker reads argv, environment and cwd from /proc), and starts the
 * program the broker names (bwrap) from its NUL-separated plan (see plan-to-tokens.ts).
 * When the script fails, it reports `done` so the broker can print the refusal line.
 * Built by the set-up where a C compiler exists; `fence init` prefers it when present.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "unix-io.h"

extern char **environ;

#define MAX_REPLY (16 * 1024 * 1024)
#define MAX_FDS 8

static void refuse(const char *why) {
  fprintf(stderr, "fence: %s; the script was not run\n", why);
  exit(126);
}

/* The plugin's directory (…/plugins/npm) from this binary's own path (…/dist/native/fence-shell). */
static void plugin_dir(char *out, size_t n) {
  char exe[PATH_MAX];
  ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (len <= 0) refuse("cannot find its own path");
  exe[len] = 0;
  for (int up = 0; up < 3; up++) {
    char *slash = strrchr(exe, '/');
    if (!slash || slash == exe) refuse("cannot find the fence installation");
    *slash = 0;
  }
  if (snprintf(out, n, "%s", exe) >= (int)n) refuse("path too long");
}

/* Same rule as runtime-dir.ts: $XDG_RUNTIME_DIR/fence when that dir is ours, else /tmp/fence-<uid>. */
static void runtime_dir(char *out, size_t n) {
  const char *x = getenv("XDG_RUNTIME_DIR");
  struct stat st;
  int r;
  if (x && x[0] == '/' && lstat(x, &st) == 0 && S_ISDIR(st.st_mode) && st.st_uid == getuid())
    r = snprintf(out, n, "%s/fence", x);
  else
    r = snprintf(out, n, "/tmp/fence-%u", (unsigned)getuid());
  if (r >= (int)n) refuse("runtime directory path too long");
}

/*
 * The broker's answer is run as-is, so its socket must be one only we could have made: the
 * runtime dir must be a real directory of ours, mode 700 (as ensurePrivateDir in runtime-dir.ts).
 * Otherwise another user could plant a "broker" in /tmp/fence-<uid> and name the command.
 */
static void require_private_dir(const char *dir) {
  struct stat st;
  if (lstat(dir, &st) != 0) refuse("the runtime directory is missing");
  if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 0777) != 0700) {
    fprintf(stderr, "fence: refusing to use %s: it is not a private directory of ours (owner, mode 700, no symlink)\n", dir);
    refuse("remove it and try again");
  }
}

/* Field 22 of /proc/<pid>/stat (start time in ticks): with the pid, the session's key. */
static int start_time(pid_t pid, char *out, size_t n) {
  char path[64], buf[4096];
  snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t len = read(fd, buf, sizeof buf - 1);
  close(fd);
  if (len <= 0) return -1;
  buf[len] = 0;
  char *p = strrchr(buf, ')');
  if (!p) return -1;
  p++;
  /* After the name come fields 3, 4, …: skip to the 20th of them. */
  for (int field = 3; field < 22; field++) {
    while (*p == ' ') p++;
    while (*p && *p != ' ') p++;
    if (!*p) return -1;
  }
  while (*p == ' ') p++;
  size_t k = strcspn(p, " \n");
  if (k == 0 || k >= n) return -1;
  memcpy(out, p, k);
  out[k] = 0;
  return 0;
}

static int run_wait(char *const argv[], char *const envp[]) {
  pid_t pid;
  if (posix_spawn(&pid, argv[0], NULL, NULL, argv, envp) != 0) return -1;
  int st;
  while (waitpid(pid, &st, 0) < 0)
    if (errno != EINTR) return -1;
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/*
 * Only what the broker uses reaches it, not the caller's tokens, plus two malloc arenas
 * (less resident memory for its few threads): as brokerEnv in client.ts.
 */
static char **broker_env(void) {
  static const char *keep[] = {"FENCE_", "XDG_", "LC_", "HOME=", "PATH=", "LANG=", "TZ=", "TMPDIR="};
  size_t n = 0, k = 0;
  for (char **e = environ; *e; e++) n++;
  char **out = calloc(n + 2, sizeof *out);
  if (!out) refuse("out of memory");
  for (char **e = environ; *e; e++)
    for (size_t i = 0; i < sizeof keep / sizeof *keep; i++)
      if (strncmp(*e, keep[i], strlen(keep[i])) == 0) {
        out[k++] = *e;
        break;
      }
  out[k] = "MALLOC_ARENA_MAX=2";
  return out;
}

/*
 * The first script of an install starts the session's broker: `node session-daemon.cjs
 * --ensure <owner>` finds it or becomes it (one Node start), in its own session so nothing
 * aimed at the install's process group reaches it, with stdin and stderr on /dev/null so it
 * never holds npm's pipes open. It prints one line: "listening", or why not.
 */
static void start_broker(const char *plugin, pid_t owner) {
  char daemon[PATH_MAX + 64], ownerArg[16];
  snprintf(daemon, sizeof daemon, "%s/../../packages/core/bundle/session-daemon.cjs", plugin);
  snprintf(ownerArg, sizeof ownerArg, "%d", (int)owner);
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) < 0) refuse("could not start the session broker");
  pid_t pid = fork();
  if (pid < 0) refuse("could not start the session broker");
  if (pid == 0) {
    setsid();
    int null = open("/dev/null", O_RDWR);
    if (null < 0 || dup2(null, 0) < 0 || dup2(fds[1], 1) < 0 || dup2(null, 2) < 0) _exit(127);
    /* The flags of BROKER_NODE_FLAGS in fence-root.ts. */
    char *argv[] = {"node", "--expose-gc", "--max-semi-space-size=1", daemon, "--ensure", ownerArg, NULL};
    /* Without the bundle (an unbuilt checkout), the Node starter does the same in two steps. */
    char starter[PATH_MAX + 32];
    if (access(daemon, R_OK) != 0) {
      snprintf(starter, sizeof starter, "%s/dist/start-broker.js", plugin);
      argv[1] = starter;
      argv[2] = ownerArg;
      argv[3] = NULL;
    }
    execvpe("node", argv, broker_env());
    dprintf(1, "cannot run node: %s\n", strerror(errno));
    _exit(127);
  }
  close(fds[1]);
  char line[512];
  size_t len = 0;
  for (;;) {
    ssize_t r = read(fds[0], line + len, sizeof line - 1 - len);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    len += (size_t)r;
    if (memchr(line, '\n', len) || len == sizeof line - 1) break;
  }
  close(fds[0]);
  line[len] = 0;
  line[strcspn(line, "\n")] = 0;
  int ws = 0;
  if (strcmp(line, "listening") == 0) {
    waitpid(pid, NULL, WNOHANG); /* reaps it now when it only waited for another broker */
    return;
  }
  /* The Node starter (no bundle) says nothing and exits 0 once the broker answers. */
  if (len == 0 && waitpid(pid, &ws, 0) == pid && WIFEXITED(ws) && WEXITSTATUS(ws) == 0) return;
  if (line[0]) fprintf(stderr, "fence: %s\n", line);
  refuse("could not start the session broker");
}

/* One request line; the whole reply (until the broker closes) into a malloc'd buffer. */
static char *ask(const char *sock, const char *msg, size_t *got, int timeout_s) {
  int u = connect_unix(sock);
  if (u < 0) return NULL;
  if (timeout_s > 0) {
    struct timeval tv = {timeout_s, 0};
    setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  }
  if (write_all(u, msg, strlen(msg)) < 0) {
    close(u);
    return NULL;
  }
  shutdown(u, SHUT_WR);
  size_t cap = 64 * 1024, len = 0;
  char *buf = malloc(cap + 1);
  for (;;) {
    if (!buf) break;
    if (len == cap) {
      if (cap >= MAX_REPLY) break;
      char *bigger = realloc(buf, cap * 2 + 1);
      if (!bigger) break;
      buf = bigger;
      cap *= 2;
    }
    ssize_t r = read(u, buf + len, cap - len);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    len += (size_t)r;
  }
  close(u);
  if (buf) buf[len] = 0;
  *got = len;
  return buf;
}

struct plan {
  const char *message;
  int exit_code, has_exit, keep_env, report, report_always;
  long report_id;
  int nargs, nfds;
  char **args;
  struct { int fd, write; const char *path; } fds[MAX_FDS];
};

/* Parses the broker's tokens; anything unexpected refuses (the plan is all-or-nothing). */
static void parse_plan(char *buf, size_t len, struct plan *p) {
  memset(p, 0, sizeof *p);
  if (len < 3 || strcmp(buf, "v1") != 0) refuse("the session broker sent an answer this fence-shell cannot read (rebuild fence)");
  size_t tokens = 0;
  for (size_t i = 0; i < len; i++) tokens += buf[i] == 0;
  p->args = calloc(tokens + 1, sizeof *p->args);
  if (!p->args) refuse("out of memory");
  for (char *t = buf + 3; t < buf + len; t += strlen(t) + 1) {
    char *v = t + 1;
    switch (t[0]) {
    case 'm': p->message = v; break;
    case 'x': p->has_exit = 1; p->exit_code = atoi(v); break;
    case 'k': p->keep_env = 1; break;
    case 'd': case 'D': p->report = 1; p->report_always = t[0] == 'D'; p->report_id = atol(v); break;
    case 'a': p->args[p->nargs++] = v; break;
    case 'f': {
      char *end;
      long fd = strtol(v, &end, 10);
      if (p->nfds >= MAX_FDS || fd < 3 || fd > 255 || (*end != 'r' && *end != 'w')) refuse("bad fd in the broker's plan");
      p->fds[p->nfds].fd = (int)fd;
      p->fds[p->nfds].write = *end == 'w';
      p->fds[p->nfds].path = end + 1;
      p->nfds++;
      break;
    }
    default: refuse("the session broker sent an unknown instruction (rebuild fence)");
    }
  }
  p->args[p->nargs] = NULL;
}

/* Opens the plan's files on their fds (not close-on-exec: the program reads them). */
static void open_fds(const struct plan *p) {
  for (int i = 0; i < p->nfds; i++) {
    int flags = p->fds[i].write ? O_WRONLY | O_CREAT | O_TRUNC : O_RDONLY;
    int fd = open(p->fds[i].path, flags, 0666);
    if (fd < 0) refuse("cannot open a file the sandbox needs");
    if (fd != p->fds[i].fd) {
      if (dup2(fd, p->fds[i].fd) < 0) refuse("cannot pass a file to the sandbox");
      close(fd);
    }
  }
}

int main(int argc, char **argv) {
  char plugin[PATH_MAX], rt[PATH_MAX], sock[PATH_MAX], start[32];
  plugin_dir(plugin, sizeof plugin);
  runtime_dir(rt, sizeof rt);
  pid_t owner = getppid();

  if (start_time(owner, start, sizeof start) < 0) {
    /* No /proc facts to key the session on: the Node slow path decides (and fails closed). */
    char slow[PATH_MAX + 32];
    snprintf(slow, sizeof slow, "%s/dist/fence-shell.js", plugin);
    char **nargv = calloc((size_t)argc + 2, sizeof *nargv);
    if (!nargv) refuse("out of memory");
    nargv[0] = "node";
    nargv[1] = slow;
    for (int i = 1; i < argc; i++) nargv[i + 1] = argv[i];
    execvp("node", nargv);
    refuse("cannot run node for the slow path");
  }
  if (snprintf(sock, sizeof sock, "%s/session-%d-%s/control.sock", rt, (int)owner, start) >= (int)sizeof sock) refuse("socket path too long");

  struct stat st;
  if (stat(sock, &st) != 0 || !S_ISSOCK(st.st_mode)) start_broker(plugin, owner);
  require_private_dir(rt);

  char msg[96];
  snprintf(msg, sizeof msg, "{\"op\":\"prepare\",\"pid\":%d,\"format\":\"tokens\"}\n", (int)getpid());
  size_t len = 0;
  char *reply = ask(sock, msg, &len, 0);
  if (!reply || len == 0) refuse("the session broker did not answer");
  static struct plan plan;
  parse_plan(reply, len, &plan);

  if (plan.message) fprintf(stderr, "%s\n", plan.message);
  if (plan.nargs == 0) return plan.has_exit ? plan.exit_code : 126;
  open_fds(&plan);
  static char *empty_env[] = {NULL};
  char **envp = plan.keep_env ? environ : empty_env;
  if (!plan.report) {
    execve(plan.args[0], plan.args, envp);
    refuse("cannot run the sandbox");
  }
  int rc = run_wait(plan.args, envp);
  if (rc < 0) refuse("cannot run the sandbox");
  if (rc != 0 || plan.report_always) {
    char done[96];
    snprintf(done, sizeof done, "{\"op\":\"done\",\"id\":%ld,\"rc\":%d}\n", plan.report_id, rc);
    size_t n = 0;
    char *line = ask(sock, done, &n, plan.report_always ? 30 : 5);
    if (line && n > 0) write_all(2, line, n);
  }
  return rc;
}
