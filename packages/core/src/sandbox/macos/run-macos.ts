import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxPolicy } from '../../policy/types.js';
import { buildSeatbeltProfile } from './build-profile.js';

export const SANDBOX_EXEC = '/usr/bin/sandbox-exec';

export interface MacosRunOptions {
  policy: SandboxPolicy;
  /** The script, run by /bin/sh -c. */
  script: string;
  /** Positional arguments after the script ($0, $1, ...), as the package manager appends them. */
  args?: string[];
  proxyPort: number;
  tmpDir: string;
  /** The complete environment of the script. */
  env: Record<string, string>;
  stdio?: StdioOptions;
}

/** argv for sandbox-exec; the command is an absolute /bin/sh so nothing on PATH can stand in for it. */
export function macosArgv(profilePath: string, script: string, args: string[] = []): string[] {
  return [SANDBOX_EXEC, '-f', profilePath, '/bin/sh', '-c', script, ...args];
}

/**
 * Writes the profile outside the script's writable dirs and starts the script
 * under sandbox-exec. The profile is read once at start, so it is removed when
 * the child exits.
 */
export function runMacos(opts: MacosRunOptions): ChildProcess {
  const dir = mkdtempSync(join(tmpdir(), 'fence-sb-'));
  const profile = join(dir, 'profile.sb');
  writeFileSync(profile, buildSeatbeltProfile(opts.policy, { proxyPort: opts.proxyPort, tmpDir: opts.tmpDir }), {
    mode: 0o600,
  });
  const [file, ...argv] = macosArgv(profile, opts.script, opts.args);
  const child = spawn(file!, argv, { cwd: opts.policy.cwd, env: opts.env, stdio: opts.stdio ?? 'inherit' });
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  child.once('exit', cleanup);
  child.once('error', cleanup);
  return child;
}
