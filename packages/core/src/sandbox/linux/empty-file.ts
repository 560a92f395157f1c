import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runtimeDir } from '../../broker/runtime-dir.js';

let cached: string | undefined;

/**
 * An empty read-only regular file that stands in for hidden files and start-up
 * files. Not /dev/null: a device node bound onto a nodev mount cannot be opened,
 * and tools (bash sourcing ~/.bashrc, npm reading ~/.npmrc) would fail on EACCES
 * where an empty file is what they expect.
 */
export function emptyFile(): string {
  if (cached && existsSync(cached)) return cached;
  const file = join(runtimeDir(), 'empty');
  if (!existsSync(file)) {
    writeFileSync(file, '', { mode: 0o444 });
    chmodSync(file, 0o444);
  }
  cached = file;
  return file;
}
