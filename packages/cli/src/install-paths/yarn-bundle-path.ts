import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fenceRoot } from '@fence/core';

const require = createRequire(import.meta.url);

export const YARN_PLUGIN_SPEC = '@yarnpkg/plugin-fence';
const BUNDLE = join('bundles', '@yarnpkg', 'plugin-fence.js');

function pluginYarnDir(): string {
  try {
    return dirname(require.resolve('@fence/plugin-yarn/package.json'));
  } catch {
    // Not linked as a dependency (a source checkout): it sits beside packages/core.
    return join(fenceRoot(), 'plugins', 'yarn');
  }
}

/** Where the Yarn plugin bundle should be, whether or not it exists. */
export function yarnBundleCandidate(): string {
  return join(pluginYarnDir(), BUNDLE);
}

/** Absolute real path of the built Yarn plugin bundle; a clear error when it was not built. */
export function yarnBundlePath(candidate = yarnBundleCandidate()): string {
  if (!existsSync(candidate)) {
    throw new Error(`fence: the Yarn plugin bundle is missing (${candidate}); build it first: npm run build`);
  }
  return realpathSync(candidate);
}
