import { dirname, normalize, relative, isAbsolute } from 'node:path';
import { globToRegex, isGlobPath, sbplString } from './sbpl-syntax.js';

/** macOS keeps these under /private and Seatbelt sees the resolved path, so both spellings are emitted. */
const PRIVATE_LINKS = ['/tmp', '/var', '/etc'];

export function cleanPath(p: string): string {
  if (!isAbsolute(p)) throw new Error(`fence: Seatbelt profile needs absolute paths, got ${JSON.stringify(p)}`);
  const n = normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** The path and, for /tmp, /var and /etc, its /private twin. */
export function spellings(p: string): string[] {
  const clean = cleanPath(p);
  const link = PRIVATE_LINKS.find((l) => clean === l || clean.startsWith(`${l}/`));
  return link ? [clean, `/private${clean}`] : [clean];
}

/** The path and everything below it: `(subpath ...)`, or an anchored regex for a glob. */
export function subtreeFilters(p: string): string[] {
  return spellings(p).map((s) =>
    isGlobPath(s) ? `(regex ${sbplString(`^${globToRegex(s)}(/.*)?$`)})` : `(subpath ${sbplString(s)})`,
  );
}

export function literalFilters(p: string): string[] {
  return spellings(p).map((s) => `(literal ${sbplString(s)})`);
}

export function isWithin(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

/** The part of a glob before its first segment with any pattern syntax, as a directory. */
export function staticPrefix(p: string): string {
  if (!isGlobPath(p)) return cleanPath(p);
  const parts = cleanPath(p).split('/');
  const first = parts.findIndex((part) => /[*?[{]/.test(part));
  return parts.slice(0, first).join('/') || '/';
}

/** Strict ancestors of `p`, nearest first, stopping before `/`. */
export function ancestors(p: string): string[] {
  const out: string[] = [];
  for (let d = dirname(p); d !== '/' && d !== dirname(d); d = dirname(d)) out.push(d);
  return out;
}
