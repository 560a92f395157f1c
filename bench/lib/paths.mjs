// Where the repository's pieces are, resolved from this file.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BENCH_DIR = path.join(ROOT, 'bench');
export const FENCE_SHELL_POSIX = path.join(ROOT, 'plugins/npm/bin/fence-shell');
const COMPILED_SHELL = path.join(ROOT, 'plugins/npm/dist/native/fence-shell');
/** What `fence init` configures: the compiled script-shell when the build made it. */
export const FENCE_SHELL = existsSync(COMPILED_SHELL) ? COMPILED_SHELL : FENCE_SHELL_POSIX;
export const FENCE_RUN = path.join(ROOT, 'packages/run/bin/fence-run.js');
export const PRELOAD = path.join(ROOT, 'hooks/bundle/preload.cjs');
export const CORE_DIST = path.join(ROOT, 'packages/core/dist/index.js');
export const SRT_CLI = path.join(ROOT, 'node_modules/@anthropic-ai/sandbox-runtime/dist/cli.js');
export const SRT_INDEX = path.join(ROOT, 'node_modules/@anthropic-ai/sandbox-runtime/dist/index.js');
export const PNPM_BIN = path.join(ROOT, 'node_modules/.bin/pnpm');
export const YARN_BIN = path.join(ROOT, 'node_modules/.bin/yarn');
export const YARN_PLUGIN = path.join(ROOT, 'plugins/yarn/bundles/@yarnpkg/plugin-fence.js');
export const BENCH_PROJECT = path.join(ROOT, 'fixtures/bench-project');
export const NATIVE_ADDON = path.join(ROOT, 'fixtures/packages/native-addon');

/** First existing path of a tool in the usual system directories, or undefined. */
export function systemTool(name) {
  return ['/usr/bin', '/bin', '/usr/local/bin', '/usr/sbin'].map((d) => path.join(d, name)).find((p) => existsSync(p));
}

/** node-gyp's nodedir: the install prefix when it holds Node's headers. */
export function nodeDir() {
  const prefix = path.dirname(path.dirname(process.execPath));
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}
