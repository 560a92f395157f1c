// Runs the built `fence-run` (and, for comparison, the same command plainly) as
// a child process, collecting its exit code and output.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

export const FENCE_RUN_BIN = path.join(REPO_ROOT, 'packages', 'run', 'bin', 'fence-run.js');

export interface RunResult {
  /** Exit code as a shell reports it (signal N -> 128+N). */
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Written to stdin, which is then closed (stdin is empty otherwise). */
  input?: string;
  /** Kill after this long: a hung command fails the test instead of hanging it. */
  timeoutMs?: number;
}

/** Spawns file with args and resolves with what it did; never rejects on a non-zero exit. */
export function runProcess(file: string, args: string[], o: RunOptions): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: o.cwd, env: o.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 90_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const n = signal ? (osConstants.signals as Record<string, number>)[signal] ?? 1 : 0;
      resolve({ code: code ?? 128 + n, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // the command may exit without reading
    child.stdin.end(o.input ?? '');
  });
}

/** `fence-run ARGS...` from the built package (`npx tsc -b packages/run` first). */
export function runFence(args: string[], o: RunOptions): Promise<RunResult> {
  if (!existsSync(path.join(REPO_ROOT, 'packages', 'run', 'dist', 'main.js')))
    throw new Error('fence-run is not built: run `npx tsc -b packages/run` (npm test does it through scripts/setup.mjs)');
  return runProcess(process.execPath, [FENCE_RUN_BIN, ...args], o);
}

/** The same shell string run plainly, the baseline that proves an attack works without fence. */
export function runPlainShell(script: string, o: RunOptions): Promise<RunResult> {
  return runProcess('/bin/sh', ['-c', script], o);
}
