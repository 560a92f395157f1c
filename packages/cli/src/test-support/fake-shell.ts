import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A stand-in for fence-shell (built by another package): records each call in
 * `<dir>/shell-calls.txt`, then runs the script with /bin/sh.
 */
export function writeRecordingShell(dir: string): { shell: string; calls: string } {
  const shell = join(dir, 'fence-shell');
  const calls = join(dir, 'shell-calls.txt');
  writeFileSync(shell, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${calls}'\nexec /bin/sh "$@"\n`);
  chmodSync(shell, 0o755);
  return { shell, calls };
}
