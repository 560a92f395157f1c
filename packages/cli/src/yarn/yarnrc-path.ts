import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The project's .yarnrc.yml, or the one in the home directory that Yarn merges into every project. */
export function yarnrcPath(opts: { global: boolean; project: string; env?: NodeJS.ProcessEnv }): string {
  const env = opts.env ?? process.env;
  const name = env.YARN_RC_FILENAME || '.yarnrc.yml';
  return opts.global ? join(env.HOME || homedir(), name) : join(resolve(opts.project), name);
}
