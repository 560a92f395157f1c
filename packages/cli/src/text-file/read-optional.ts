import { readFileSync } from 'node:fs';

/** File contents, or undefined when it does not exist (other errors propagate). */
export function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}
