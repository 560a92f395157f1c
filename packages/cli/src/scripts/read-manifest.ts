import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScriptManifest } from './types.js';

/** package.json of a directory; an empty manifest when unreadable. */
export function readManifest(dir: string): ScriptManifest & Record<string, unknown> {
  try {
    const m: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    return m && typeof m === 'object' ? (m as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
