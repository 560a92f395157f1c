import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';

/** The program a command word runs: a path as given, or the first match on PATH. */
export function whichProgram(word: string, cwd: string, pathVar: string | undefined): string | undefined {
  if (word.includes('/')) return resolve(cwd, word);
  for (const dir of (pathVar ?? '').split(':')) {
    if (!dir || !isAbsolute(dir)) continue;
    const p = join(dir, word);
    try {
      accessSync(p, constants.X_OK);
      if (statSync(p).isFile()) return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}

/**
 * A program fence-run itself may run on the host (to read a package manager's
 * config): never from a node_modules/.bin or the working directory, which the
 * project controls. Undefined when only such a copy exists.
 */
export function trustedProgram(word: string, cwd: string, pathVar: string | undefined): string | undefined {
  if (word.includes('/')) return undefined;
  const dirs = (pathVar ?? '').split(':').filter((d) => isAbsolute(d) && !d.split('/').includes('node_modules') && !isUnder(d, cwd));
  return whichProgram(word, cwd, dirs.join(':'));
}

function isUnder(p: string, root: string): boolean {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}
