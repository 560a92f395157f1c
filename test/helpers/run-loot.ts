// The pip and cargo attack fixtures record their attempts in fence-loot.json.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export type FixtureLoot = Record<string, { ok: boolean; detail: string }>;

export async function readFixtureLoot(dir: string): Promise<FixtureLoot | undefined> {
  const text = await readFile(path.join(dir, 'fence-loot.json'), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : (JSON.parse(text) as FixtureLoot);
}

/** Names of the attempts that worked. */
export function worked(loot: FixtureLoot | undefined): string[] {
  return Object.entries(loot ?? {})
    .filter(([, a]) => a.ok)
    .map(([name]) => name);
}
