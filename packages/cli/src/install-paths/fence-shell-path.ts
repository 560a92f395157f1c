import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Absolute real path of npm's `fence-shell`, from the installed @fence/plugin-npm:
 * the compiled one when it was built, else the POSIX one.
 * Never a bare name: npm resolves bare script-shell names through node_modules/.bin,
 * where any dependency could plant its own `fence-shell`.
 */
export function fenceShellPath(): string {
  let pkgDir: string;
  try {
    pkgDir = dirname(require.resolve('@fence/plugin-npm/package.json'));
  } catch {
    throw new Error('fence: @fence/plugin-npm is not installed next to the fence CLI; reinstall fence.');
  }
  // The compiled one when the set-up could build it (no shell or client process per script).
  const compiled = join(pkgDir, 'dist', 'native', 'fence-shell');
  const shell = existsSync(compiled) ? compiled : join(pkgDir, 'bin', 'fence-shell');
  if (!existsSync(shell)) throw new Error(`fence: ${shell} is missing; build fence first (npm run build).`);
  return realpathSync(shell);
}
