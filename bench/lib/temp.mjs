// One temporary root per bench run; everything the bench creates lives under it
// and goes away at the end, even when a case throws.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let root;

export function benchTmp(...parts) {
  root ??= mkdtempSync(path.join(os.tmpdir(), 'fence-bench-'));
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
