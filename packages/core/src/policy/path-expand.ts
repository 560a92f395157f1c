import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

export interface PathContext {
  home: string;
  projectRoot: string;
  /** The running package's directory, for `$PKG/...`. */
  pkgDir: string;
  cwd: string;
}

/** Expands `~`, `./` (project root), `$PKG` and relative paths to an absolute path or glob. */
export function expandPath(raw: string, ctx: PathContext): string {
  const p = raw.trim();
  if (p === '~' || p.startsWith('~/')) return join(ctx.home || homedir(), p.slice(1));
  if (p === '$PKG' || p.startsWith('$PKG/')) return join(ctx.pkgDir, p.slice(4));
  if (p === '.' || p.startsWith('./') || p === '..' || p.startsWith('../')) return resolve(ctx.projectRoot, p);
  if (isAbsolute(p)) return resolve(p);
  return resolve(ctx.projectRoot, p);
}

export function isGlob(p: string): boolean {
  return /[*?[\]{}!]/.test(p);
}
