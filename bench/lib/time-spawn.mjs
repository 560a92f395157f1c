// Wall-clock time of one child process, from spawn to exit, in milliseconds.
import { spawnSync } from 'node:child_process';

/** Runs cmd synchronously and returns its duration; throws with its stderr when it fails. */
export function timeSpawn(cmd, args, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`${cmd} ${args.slice(0, 3).join(' ')} exited ${r.status ?? r.signal}: ${tail}`);
  }
  return ms;
}

/** Runs cmd synchronously and returns its stdout; throws like timeSpawn. */
export function runOut(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024, ...options });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ''}`.trim().split('\n').slice(-8).join('\n');
    throw new Error(`${cmd} exited ${r.status ?? r.signal}: ${tail}`);
  }
  return r.stdout;
}
