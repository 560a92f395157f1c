import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes only when the text differs; returns whether it wrote. Writing in place
 * keeps the file's mode (a .npmrc holding tokens stays 0600); new files get 0600.
 */
export function writeIfChanged(file: string, before: string | undefined, after: string): boolean {
  if (before === after) return false;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, after, before === undefined ? { mode: 0o600 } : {});
  return true;
}
