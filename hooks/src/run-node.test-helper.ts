import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { preloadBundlePath, preloadNodeOption } from './bundle-paths.js';

const hooksDir = fileURLToPath(new URL('..', import.meta.url));

/** Builds hooks/bundle when it is missing or older than a source file, so the tests always run the real bundle. */
export function ensureBundle(): string {
  const bundle = preloadBundlePath();
  const srcDir = fileURLToPath(new URL('.', import.meta.url));
  const newest = Math.max(...readdirSync(srcDir).map((f) => statSync(`${srcDir}/${f}`).mtimeMs));
  if (!existsSync(bundle) || statSync(bundle).mtimeMs < newest) {
    execFileSync('npm', ['run', 'build'], { cwd: hooksDir, stdio: 'pipe' });
  }
  return bundle;
}

export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` with only the given environment (plus PATH) and the preload in NODE_OPTIONS. */
export function runNode(args: string[], env: Record<string, string>, preload = true): Promise<NodeRun> {
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env };
  if (preload) childEnv.NODE_OPTIONS = preloadNodeOption();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Generous: the machine is shared and loading undici can take a while under load.
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
