import { spawn, type StdioOptions } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { AUDIT_FD, auditCommand } from '../audit/strace-command.js';
import type { SandboxPolicy } from '../policy/types.js';
import { buildBwrapArgs } from './linux/bwrap-args.js';
import { probeLinux } from './linux/probe.js';
import { SandboxUnavailableError } from './errors.js';
import { sandboxEnv } from './sandbox-env.js';
import { shellQuote } from './shell-quote.js';
import { weakerLaunch } from './weaker-launch.js';

/** fd number bwrap reads the seccomp program from (fixed so the shell path can redirect it). */
export const SECCOMP_FD = 9;

export interface LaunchOptions {
  proxySocket?: string;
  seccompFile?: string;
  preload?: string;
  callerNodeOptions?: string;
  overlays?: Array<[string, string]>;
  /** Audit mode: trace the command with this strace, writing its log to `file` (opened outside, passed as a fd). */
  audit?: { strace: string; file: string };
}

/** A ready-to-run sandbox: program, argv and the files to open on extra fds. */
export interface LaunchSpec {
  file: string;
  args: string[];
  fds: Array<{ fd: number; path: string; write?: boolean }>;
  /** Printed before the run: set only for the explicit reduced-isolation opt-in. */
  warning?: string;
}

export function prepareLaunch(policy: SandboxPolicy, cmd: string[], opts: LaunchOptions = {}): LaunchSpec {
  if (process.platform !== 'linux')
    throw new SandboxUnavailableError(`${process.platform} is not supported by this launcher`, 'use Linux (bubblewrap) or macOS (sandbox-exec)');
  let tools;
  try {
    tools = probeLinux();
  } catch (e) {
    if (!(e instanceof SandboxUnavailableError) || !policy.allowWeaker) throw e;
    const weak = weakerLaunch(policy, cmd, e);
    return { file: weak.file, args: weak.args, fds: [], warning: weak.warning };
  }
  const env = sandboxEnv(policy, { proxy: !!opts.proxySocket, preload: opts.preload, callerNodeOptions: opts.callerNodeOptions });
  const inner = opts.audit ? auditCommand(opts.audit.strace, cmd) : cmd;
  const args = buildBwrapArgs(policy, inner, {
    socat: tools.socat,
    proxySocket: opts.proxySocket,
    seccompFd: opts.seccompFile ? SECCOMP_FD : undefined,
    overlays: opts.overlays,
    env,
  });
  const fds: LaunchSpec['fds'] = opts.seccompFile ? [{ fd: SECCOMP_FD, path: opts.seccompFile }] : [];
  if (opts.audit) fds.push({ fd: AUDIT_FD, path: opts.audit.file, write: true });
  return { file: tools.bwrap, args, fds };
}

/** The launch as one shell command line, for the script-shell's fast path (`eval`). */
export function launchToShell(spec: LaunchSpec): string {
  const redirs = spec.fds.map((f) => `${f.fd}${f.write ? '>' : '<'}${shellQuote(f.path)}`);
  if (spec.warning) return `printf '%s\\n' ${shellQuote(spec.warning)} >&2\n${[spec.file, ...spec.args].map(shellQuote).join(' ')}`;
  // `env -i`: bwrap stays pid 1 inside, and a sandboxed script can read /proc/1/environ.
  return ['/usr/bin/env', '-i', spec.file, ...spec.args].map(shellQuote).concat(redirs).join(' ');
}

/** Exit code of a child the way a shell reports it: signals become 128+N. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const n = signal ? (osConstants.signals as Record<string, number>)[signal] : undefined;
  return 128 + (n ?? 1);
}

/** Runs the sandbox with inherited stdio (or the given one) and resolves with its exit code. */
export function runLaunch(spec: LaunchSpec, stdio: StdioOptions = 'inherit'): Promise<number> {
  if (spec.warning) process.stderr.write(`${spec.warning}\n`);
  const opened = spec.fds.map((f) => ({ fd: f.fd, handle: openSync(f.path, f.write ? 'w' : 'r', 0o600) }));
  const base: Array<unknown> = Array.isArray(stdio) ? [...stdio] : [stdio, stdio, stdio];
  for (const o of opened) {
    while (base.length < o.fd) base.push('ignore');
    base[o.fd] = o.handle;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(spec.file, spec.args, { stdio: base as StdioOptions, env: {} });
    for (const o of opened) closeSync(o.handle);
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, forward(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve(exitCodeOf(code, signal));
    });
  });
}
