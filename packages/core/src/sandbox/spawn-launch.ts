import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import type { LaunchSpec } from './launch-spec.js';

/** Exit code of a child the way a shell reports it: signals become 128+N. */
export function exitCodeOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  const n = signal ? (osConstants.signals as Record<string, number>)[signal] : undefined;
  return 128 + (n ?? 1);
}

/**
 * Starts a prepared sandbox: opens the spec's extra fds (seccomp filter, audit
 * log) at their numbers, forwards the signals a terminal or package manager
 * sends, and settles with the exit code once the child is gone.
 */
export function spawnLaunch(spec: LaunchSpec, stdio: unknown[]): { child: ChildProcess; exit: Promise<number> } {
  if (spec.warning) process.stderr.write(`${spec.warning}\n`);
  const opened = spec.fds.map((f) => ({ fd: f.fd, handle: openSync(f.path, f.write ? 'w' : 'r', 0o600) }));
  const all = [...stdio];
  for (const o of opened) {
    while (all.length < o.fd) all.push('ignore');
    all[o.fd] = o.handle;
  }
  // The sandbox gets its environment from bwrap --setenv only.
  const child = spawn(spec.file, spec.args, { stdio: all as StdioOptions, env: {} });
  for (const o of opened) closeSync(o.handle);
  const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, () => child.kill(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  const exit = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      resolve(exitCodeOf(code, signal));
    });
  });
  return { child, exit };
}
