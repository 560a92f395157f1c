import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh real directory under the system temp dir, and its cleanup. */
export function tempDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `fence-cli-${prefix}-`)));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** For a test file: `temp(prefix)` makes a directory that is removed after each test. */
export function tempDirsPerTest(afterEach: (fn: () => void) => void): (prefix: string) => string {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((c) => c()));
  return (prefix) => {
    const t = tempDir(prefix);
    cleanups.push(t.cleanup);
    return t.dir;
  };
}
