import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import picomatch from 'picomatch';
import { isGlob } from './path-expand.js';

const MAX_DEPTH = 6;
const MAX_ENTRIES = 20_000;
const SKIP = new Set(['node_modules', '.git']);

/**
 * Turns an absolute glob into the existing paths it matches: bubblewrap mounts
 * concrete paths only. The walk starts at the glob's static prefix and is bounded
 * (depth and entries) so a `**` pattern cannot stall a script's start.
 */
export function expandGlob(pattern: string): string[] {
  if (!isGlob(pattern)) return [pattern];
  const parts = pattern.split(sep);
  const firstGlob = parts.findIndex(isGlob);
  const base = parts.slice(0, firstGlob).join(sep) || sep;
  const match = picomatch(pattern, { dot: true });
  const deep = pattern.includes('**');
  const maxDepth = deep ? MAX_DEPTH : parts.length - firstGlob;
  const out: string[] = [];
  let seen = 0;
  const walk = (dir: string, depth: number): void => {
    if (depth > maxDepth || seen > MAX_ENTRIES) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      seen++;
      const full = join(dir, e.name);
      if (match(full)) out.push(full);
      if (e.isDirectory() && !(deep && SKIP.has(e.name))) walk(full, depth + 1);
    }
  };
  walk(base, 1);
  return out;
}
