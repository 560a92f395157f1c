import { spawn, type StdioOptions } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import { exitCodeOf, type LaunchSpec } from '@fence/core';

export interface YarnStreams {
  /** Null during builds: the script gets no input. */
  stdin: Readable | null;
  stdout: Writable;
  stderr: Writable;
}

/**
 * Runs a prepared sandbox with Yarn's streams. Yarn hands JS streams (build logs,
 * prefixed output), not file descriptors: this process's own stdio is inherited, any
 * other stream is piped and left open for Yarn to end. core's runLaunch takes only
 * spawn stdio, so this is its piping sibling.
 */
export function runPiped(spec: LaunchSpec, io: YarnStreams): Promise<number> {
  const opened = spec.fds.map((f) => ({ fd: f.fd, handle: openSync(f.path, f.write ? 'w' : 'r', 0o600) }));
  const stdio: unknown[] = [
    io.stdin === null ? 'ignore' : io.stdin === process.stdin ? 'inherit' : 'pipe',
    io.stdout === process.stdout ? 'inherit' : 'pipe',
    io.stderr === process.stderr ? 'inherit' : 'pipe',
  ];
  for (const o of opened) {
    while (stdio.length < o.fd) stdio.push('ignore');
    stdio[o.fd] = o.handle;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(spec.file, spec.args, { stdio: stdio as StdioOptions, env: {} });
    for (const o of opened) closeSync(o.handle);
    if (child.stdin && io.stdin) io.stdin.pipe(child.stdin);
    const outDone = child.stdout ? new Promise((r) => child.stdout!.on('end', r)) : Promise.resolve();
    const errDone = child.stderr ? new Promise((r) => child.stderr!.on('end', r)) : Promise.resolve();
    child.stdout?.pipe(io.stdout, { end: false });
    child.stderr?.pipe(io.stderr, { end: false });
    child.stdin?.on('error', () => undefined);
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, forward(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const [s, h] of handlers) process.off(s, h);
      if (child.stdin && io.stdin) io.stdin.unpipe(child.stdin);
      void Promise.all([outDone, errDone]).then(() => resolve(exitCodeOf(code, signal)));
    });
  });
}
