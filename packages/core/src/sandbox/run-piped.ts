import type { Readable, Writable } from 'node:stream';
import type { LaunchSpec } from './launch-spec.js';
import { spawnLaunch } from './spawn-launch.js';

export interface LaunchStreams {
  /** Null when the script gets no input (Yarn builds). */
  stdin: Readable | null;
  stdout: Writable;
  stderr: Writable;
}

/**
 * Runs a prepared sandbox with JS streams (Yarn hands prefixed build-log streams,
 * not file descriptors). This process's own stdio is inherited; any other stream
 * is piped and left open for its owner to end.
 */
export async function runLaunchPiped(spec: LaunchSpec, io: LaunchStreams): Promise<number> {
  const { child, exit } = spawnLaunch(spec, [
    io.stdin === null ? 'ignore' : io.stdin === process.stdin ? 'inherit' : 'pipe',
    io.stdout === process.stdout ? 'inherit' : 'pipe',
    io.stderr === process.stderr ? 'inherit' : 'pipe',
  ]);
  if (child.stdin && io.stdin) io.stdin.pipe(child.stdin);
  child.stdin?.on('error', () => undefined);
  const drained = [child.stdout, child.stderr].map((s) => (s ? new Promise((r) => s.on('end', r)) : Promise.resolve()));
  child.stdout?.pipe(io.stdout, { end: false });
  child.stderr?.pipe(io.stderr, { end: false });
  const code = await exit;
  if (child.stdin && io.stdin) io.stdin.unpipe(child.stdin);
  await Promise.all(drained);
  return code;
}
