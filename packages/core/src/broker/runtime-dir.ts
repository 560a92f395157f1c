import { lstatSync, mkdirSync } from 'node:fs';
import path from 'node:path';

function uid(): number {
  return typeof process.getuid === 'function' ? process.getuid() : 0;
}

/**
 * Makes sure `dir` is a private directory of ours: created 0700 if missing; if it exists it
 * must be a real directory (not a symlink someone planted), owned by us, mode 0700.
 */
export function ensurePrivateDir(dir: string): string {
  try {
    mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const st = lstatSync(dir);
  const problem = !st.isDirectory()
    ? 'is not a directory (or is a symlink)'
    : st.uid !== uid()
      ? `is owned by uid ${st.uid}, not by us (uid ${uid()})`
      : (st.mode & 0o777) !== 0o700
        ? `has mode ${(st.mode & 0o777).toString(8)}, not 700`
        : undefined;
  if (problem) {
    throw new Error(`fence: refusing to use ${dir}: it ${problem}. Remove it (or fix its owner and mode) and try again.`);
  }
  return dir;
}

/** `$XDG_RUNTIME_DIR/fence` when that directory is ours, else `/tmp/fence-<uid>`; created private. */
export function runtimeDir(env: NodeJS.ProcessEnv = process.env): string {
  const xdg = env.XDG_RUNTIME_DIR;
  if (xdg && path.isAbsolute(xdg)) {
    try {
      const st = lstatSync(xdg);
      if (st.isDirectory() && st.uid === uid()) return ensurePrivateDir(path.join(xdg, 'fence'));
    } catch {
      // Missing or unreadable: fall back to /tmp.
    }
  }
  return ensurePrivateDir(path.join('/tmp', `fence-${uid()}`));
}
