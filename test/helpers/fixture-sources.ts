// The fixture packages in the repository and a content hash of each, so that
// packing can be skipped when nothing changed.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PACKAGE_ROOTS, SHARED_LIB_DIR, FIXTURES_DIR } from './paths.js';

export interface FixtureSource {
  /** Directory name: the key used everywhere (name-spoof declares another name). */
  name: string;
  dir: string;
  /** The `name` field of its package.json. */
  declaredName: string;
  version: string;
  /** Whether fixtures/shared/fixture-lib is copied in (fixtures/packages only). */
  withSharedLib: boolean;
}

// Build outputs a fixture could leave behind if someone ran it in place.
const SKIP = new Set(['node_modules', 'build', 'fixture-lib', 'loot.json']);

export async function listFixtureSources(): Promise<FixtureSource[]> {
  const sources: FixtureSource[] = [];
  for (const root of PACKAGE_ROOTS) {
    const names = (await readdir(root, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    for (const name of names.sort()) {
      const dir = path.join(root, name);
      const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name: string; version: string };
      const withSharedLib = root === path.join(FIXTURES_DIR, 'packages');
      sources.push({ name, dir, declaredName: manifest.name, version: manifest.version, withSharedLib });
    }
  }
  return sources;
}

/** Relative paths of the files to pack, sorted, skipping build outputs. */
export async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

async function hashDir(hash: ReturnType<typeof createHash>, dir: string, label: string): Promise<void> {
  for (const rel of await listFiles(dir)) {
    hash.update(`${label}/${rel}\0`);
    hash.update(await readFile(path.join(dir, rel)));
    hash.update('\0');
  }
}

export async function hashSource(source: FixtureSource): Promise<string> {
  const hash = createHash('sha256');
  await hashDir(hash, source.dir, 'pkg');
  if (source.withSharedLib) await hashDir(hash, SHARED_LIB_DIR, 'lib');
  return hash.digest('hex').slice(0, 16);
}
