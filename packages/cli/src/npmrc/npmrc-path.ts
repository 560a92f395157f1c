import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The .npmrc `fence init npm` edits: the project's, or the user's (npm_config_userconfig wins, as in npm). */
export function npmrcPath(opts: { global: boolean; project: string; env?: NodeJS.ProcessEnv }): string {
  if (!opts.global) return join(resolve(opts.project), '.npmrc');
  const env = opts.env ?? process.env;
  const configured = env.npm_config_userconfig || env.NPM_CONFIG_USERCONFIG;
  return configured ? resolve(configured) : join(env.HOME || homedir(), '.npmrc');
}
