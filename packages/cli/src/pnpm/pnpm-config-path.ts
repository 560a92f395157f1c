import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/**
 * pnpm 12's YAML settings file. Project: pnpm-workspace.yaml (pnpm ignores
 * script-shell in .npmrc). Global: `<config dir>/pnpm/config.yaml`, the file
 * `pnpm config set --global` writes (measured with pnpm 12.4.2).
 */
export function pnpmConfigPath(opts: { global: boolean; project: string; env?: NodeJS.ProcessEnv }): string {
  if (!opts.global) return join(resolve(opts.project), 'pnpm-workspace.yaml');
  const env = opts.env ?? process.env;
  const home = env.HOME || homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Preferences', 'pnpm', 'config.yaml');
  const xdg = env.XDG_CONFIG_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(home, '.config'), 'pnpm', 'config.yaml');
}
