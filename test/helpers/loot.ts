// Reads what an attack fixture recorded in <its package dir>/loot.json.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

export interface LootAttempt {
  ok: boolean;
  detail: string;
}

export interface Loot {
  attempts: Record<string, LootAttempt>;
  /** Extra notes some fixtures add (persist-bg: pid, proofPath; name-spoof: declaredName). */
  [note: string]: unknown;
}

// node_modules/<pkg> for npm, pnpm (a symlink) and Yarn's node-modules linker;
// .yarn/unplugged/<pkg>-*/node_modules/<pkg> for Yarn PnP.
async function candidates(projectDir: string, pkg: string): Promise<string[]> {
  const found = [path.join(projectDir, 'node_modules', pkg, 'loot.json')];
  const unplugged = path.join(projectDir, '.yarn', 'unplugged');
  const entries = await readdir(unplugged).catch(() => [] as string[]);
  for (const entry of entries) {
    if (entry.startsWith(`${pkg}-`)) found.push(path.join(unplugged, entry, 'node_modules', pkg, 'loot.json'));
  }
  return found;
}

/** The fixture's loot, or undefined when it never ran (or could not write its own directory). */
export async function readLoot(projectDir: string, pkg: string): Promise<Loot | undefined> {
  for (const file of await candidates(projectDir, pkg)) {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text !== undefined) return JSON.parse(text) as Loot;
  }
  return undefined;
}

/** Names of the attempts that succeeded. */
export function succeeded(loot: Loot | undefined): string[] {
  return loot ? Object.entries(loot.attempts).filter(([, a]) => a.ok).map(([what]) => what) : [];
}
