import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';

/** Absolute path of a program, searched in the trusted system directories first. */
export function findBinary(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  // System dirs first: a dependency's node_modules/.bin on PATH must not supply our tools.
  const dirs = ['/usr/bin', '/bin', '/usr/local/bin', '/usr/sbin', '/sbin', ...envPath.split(':')].filter(
    (d) => d && !d.includes('node_modules'),
  );
  for (const d of dirs) {
    const p = join(d, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return undefined;
}
