// The built `fence` CLI, for wiring a test project exactly as a user would.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './paths.js';

const run = promisify(execFile);

export const FENCE_CLI = path.join(REPO_ROOT, 'packages', 'cli', 'bin', 'fence.js');

/** `fence init <pm> --project <dir>`; resolves with its stdout, rejects when it fails. */
export async function fenceInit(pm: 'npm' | 'pnpm' | 'yarn', projectDir: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await run(process.execPath, [FENCE_CLI, 'init', pm, '--project', projectDir], { cwd: projectDir, env });
  return stdout;
}
