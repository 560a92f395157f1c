// Where the repository's fixtures live, resolved from this file so helpers work
// from any working directory.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'fixtures');
export const TARBALLS_DIR = path.join(FIXTURES_DIR, 'tarballs');
/** Copied into every fixtures/packages/* tarball as fixture-lib/. */
export const SHARED_LIB_DIR = path.join(FIXTURES_DIR, 'shared', 'fixture-lib');
export const PACKAGE_ROOTS: readonly string[] = [
  path.join(FIXTURES_DIR, 'packages'),
  path.join(FIXTURES_DIR, 'bench-project', 'packages'),
];
