// Runs npm or pnpm as a child of the test and collects what it did. The child's
// pid is handed out while it runs: it owns the install session's broker.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';

/** pnpm 12.4.2 from devDependencies; npm is the system one (npm 11). */
export const PNPM_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'pnpm');

export interface InstallRun {
  pid: number;
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunPmOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Called every `pollMs` while the package manager runs (e.g. to count brokers). */
  whileRunning?: (pid: number) => void;
  pollMs?: number;
  /** A hung install is killed and fails the test instead of hanging it. */
  timeoutMs?: number;
}

export function runPackageManager(file: string, args: string[], o: RunPmOptions): Promise<InstallRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = child.pid ?? -1;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const poll = o.whileRunning ? setInterval(() => o.whileRunning?.(pid), o.pollMs ?? 50) : undefined;
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 240_000);
    const stop = () => {
      clearTimeout(timer);
      if (poll) clearInterval(poll);
    };
    child.on('error', (e) => {
      stop();
      reject(e);
    });
    child.on('close', (code, signal) => {
      stop();
      resolve({ pid, code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}
