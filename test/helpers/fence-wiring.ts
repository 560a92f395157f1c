// What an install under fence needs in a test: the script-shell's absolute path,
// a private session-log dir, and the test-only host map that sends allowed.test
// and exfil.test to the recording servers on 127.0.0.1.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { envFor } from './env-for.js';
import { REPO_ROOT } from './paths.js';

/** The POSIX script-shell: the fallback where no C compiler built the compiled one. */
export const FENCE_SHELL_POSIX = path.join(REPO_ROOT, 'plugins', 'npm', 'bin', 'fence-shell');
const COMPILED = path.join(REPO_ROOT, 'plugins', 'npm', 'dist', 'native', 'fence-shell');
/** The script-shell `fence init` configures: the compiled one when the build made it. */
export const FENCE_SHELL = existsSync(COMPILED) ? COMPILED : FENCE_SHELL_POSIX;

/** Read by the broker from the first fence-shell's environment, i.e. the one given to the package manager. */
export const TEST_HOSTS_JSON = JSON.stringify({ 'allowed.test': '127.0.0.1', 'exfil.test': '127.0.0.1' });

/** Environment of an install under fence whose session log goes to `logDir` (created). */
export async function fenceEnv(home: string, logDir: string, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  await mkdir(logDir, { recursive: true });
  return envFor(home, { extra: { FENCE_LOG_DIR: logDir, FENCE_TEST_HOSTS: TEST_HOSTS_JSON, ...extra } });
}

/** pnpm-workspace.yaml as `fence init pnpm` leaves it, plus the fixtures' build approval. */
export function pnpmWorkspaceYaml(opts: { sideEffectsCache?: boolean } = {}): string {
  return `dangerouslyAllowAllBuilds: true\nscriptShell: ${FENCE_SHELL}\nsideEffectsCache: ${opts.sideEffectsCache ?? false}\n`;
}
