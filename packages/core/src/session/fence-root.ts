import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROKER_NODE_FLAGS } from '../broker/node-flags.js';

let found: string | undefined;

/**
 * The fence installation: the directory holding packages/core and hooks. Found
 * from this module's own location (or FENCE_ROOT for bundles that live elsewhere,
 * such as the Yarn plugin copied into .yarn/plugins).
 */
export function fenceRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FENCE_ROOT && existsSync(join(env.FENCE_ROOT, 'packages/core'))) return env.FENCE_ROOT;
  // Found once per process: the broker asks for every script.
  if (found) return found;
  found = walkUp();
  return found;
}

function walkUp(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'packages/core')) && existsSync(join(dir, 'hooks'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error('fence: cannot find the fence installation (set FENCE_ROOT)');
    dir = up;
  }
}

export const preloadPath = (root = fenceRoot()) => join(root, 'hooks/bundle/preload.cjs');
/** The broker's entry: the CommonJS bundle the build makes (leaner), else tsc's module. */
export const daemonScript = (root = fenceRoot()) => {
  const bundle = join(root, 'packages/core/bundle/session-daemon.cjs');
  return existsSync(bundle) ? bundle : join(root, 'packages/core/dist/session/session-daemon-main.js');
};
/** The POSIX script-shell: works wherever /bin/sh does. */
export const fenceShellPath = (root = fenceRoot()) => join(root, 'plugins/npm/bin/fence-shell');
/** The compiled script-shell (scripts/build.mjs builds it where a C compiler exists): no shell, no client process. */
export const compiledShellPath = (root = fenceRoot()) => join(root, 'plugins/npm/dist/native/fence-shell');
/** The script-shell to configure: the compiled one when it was built, else the POSIX one. */
export const scriptShellPath = (root = fenceRoot()) => (existsSync(compiledShellPath(root)) ? compiledShellPath(root) : fenceShellPath(root));
export const nestedShellPath = (root = fenceRoot()) => join(root, 'plugins/npm/bin/fence-shell-nested');

/** The compiled in-sandbox bridge (scripts/build.mjs builds it where a C compiler exists), if present. */
export const bridgeBinary = (root = fenceRoot()): string | undefined => {
  const p = join(root, 'packages/core/dist/native/fence-bridge');
  return existsSync(p) ? p : undefined;
};

/** How the session broker is started, with its Node flags. */
export const daemonCommand = (root = fenceRoot()): string[] => [process.execPath, ...BROKER_NODE_FLAGS, daemonScript(root)];
