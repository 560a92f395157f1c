import { existsSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join } from 'node:path';
import { whichProgram } from './which-program.js';

/** The virtualenv a program lives in (`<venv>/bin/<prog>` beside `<venv>/pyvenv.cfg`), not following the symlink to the base python. */
export function venvOfProgram(program: string): string | undefined {
  const venv = dirname(dirname(program));
  return basename(dirname(program)) === 'bin' && existsSync(join(venv, 'pyvenv.cfg')) ? venv : undefined;
}

/** The active virtualenv: the one the command's python or pip lives in, else $VIRTUAL_ENV. */
export function findVenv(cmd: string[], cwd: string, env: NodeJS.ProcessEnv): string | undefined {
  const first = cmd[0];
  const program = first ? whichProgram(first, cwd, env.PATH) : undefined;
  const own = program ? venvOfProgram(program) : undefined;
  if (own) return own;
  const active = env.VIRTUAL_ENV;
  if (active && isAbsolute(active) && existsSync(join(active, 'pyvenv.cfg'))) {
    try {
      return realpathSync(active);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
