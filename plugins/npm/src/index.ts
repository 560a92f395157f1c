// @fence/plugin-npm: the script-shell lives in bin/fence-shell; this package exports its location.
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute, symlink-free path of fence-shell: `.npmrc` must never name it by a bare name. */
export function fenceShellBin(): string {
  return realpathSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'fence-shell'));
}
