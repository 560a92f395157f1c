import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { readOptional } from '../text-file/index.js';

const require = createRequire(import.meta.url);

/** The Yarn entry point (a JS file run with node): the project's yarnPath, else the Yarn installed beside fence. */
export function findYarn(project: string): string {
  const rc = readOptional(join(project, '.yarnrc.yml'));
  const yarnPath: unknown = rc === undefined ? undefined : parseDocument(rc).get('yarnPath');
  if (typeof yarnPath === 'string') {
    const p = isAbsolute(yarnPath) ? yarnPath : resolve(project, yarnPath);
    if (existsSync(p)) return p;
  }
  try {
    return require.resolve('@yarnpkg/cli-dist/bin/yarn.js');
  } catch {
    throw new Error('fence: no Yarn found: set yarnPath in .yarnrc.yml (yarn set version stable) or install @yarnpkg/cli-dist');
  }
}
