// One temporary root per bench run; everything the bench creates lives under it
// and goes away at the end, even when a case throws.
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let root;

// Not /tmp: fence-run gives a whole command a private /tmp, so a project, cache or
// tarball under the real /tmp would vanish inside it. /var/tmp is left visible.
function tmpBase() {
  if (process.env.FENCE_BENCH_TMP) return process.env.FENCE_BENCH_TMP;
  try {
    accessSync('/var/tmp', constants.W_OK);
    return '/var/tmp';
  } catch {
    return os.tmpdir();
  }
}

export function benchTmp(...parts) {
  root ??= mkdtempSync(path.join(tmpBase(), 'fence-bench-'));
  const dir = path.join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A fresh, uniquely named directory under the bench root. */
export function freshDir(prefix) {
  return mkdtempSync(path.join(benchTmp(), `${prefix}-`));
}

export function removeBenchTmp() {
  if (root) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  root = undefined;
}
