import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Name and version from a package directory's package.json; empty when unreadable. */
export function readManifest(dir: string): { name?: string; version?: string } {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
    return { name: typeof m.name === 'string' ? m.name : undefined, version: typeof m.version === 'string' ? m.version : undefined };
  } catch {
    return {};
  }
}
