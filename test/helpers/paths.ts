// Where the repository's fixtures live, resolved from this file so helpers work
// from any working directory.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Walk up: these helpers also run compiled from test/helpers/dist (the demo uses them).
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'fixtures', 'packages')) && existsSync(path.join(dir, 'packages', 'core'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`cannot find the repository root above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(path.dirname(fileURLToPath(import.meta.url)));
export const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');
export const TARBALLS_DIR = path.join(FIXTURES_DIR, 'tarballs');
/** Copied into every fixtures/packages/* tarball as fixture-lib/. */
export const SHARED_LIB_DIR = path.join(FIXTURES_DIR, 'shared', 'fixture-lib');
export const PACKAGE_ROOTS: readonly string[] = [
  path.join(FIXTURES_DIR, 'packages'),
  path.join(FIXTURES_DIR, 'bench-project', 'packages'),
];
