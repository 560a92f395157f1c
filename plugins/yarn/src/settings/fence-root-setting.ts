import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Configuration } from '@yarnpkg/core';
import { SettingsType } from '@yarnpkg/core';
import type { PortablePath } from '@yarnpkg/fslib';

declare module '@yarnpkg/core' {
  interface ConfigurationValueMap {
    fenceRoot: PortablePath | null;
  }
}

/** The `.yarnrc.yml` setting naming the fence installation (`fence init yarn` writes it). */
export const fenceRootSetting = {
  fenceRoot: {
    description: 'Absolute path of the fence installation (holds packages/core and hooks); set by `fence init yarn`',
    type: SettingsType.ABSOLUTE_PATH as const,
    default: null,
  },
};

const isRoot = (dir: string) => existsSync(join(dir, 'packages/core')) && existsSync(join(dir, 'hooks'));

/** Where this bundle was loaded from; only useful when it was loaded in place (`fence init yarn --global`). */
function bundleLocation(): string | undefined {
  try {
    return dirname(fileURLToPath(import.meta.url));
  } catch {
    return undefined;
  }
}

/**
 * The fence installation: the `fenceRoot` setting, else FENCE_ROOT, else a walk up from the
 * bundle. `yarn plugin import` copies the bundle into .yarn/plugins, where the walk finds nothing.
 */
export function resolveFenceRoot(configuration: Configuration, env: NodeJS.ProcessEnv = process.env): string {
  const setting = configuration.get('fenceRoot');
  const candidates = [typeof setting === 'string' ? setting : undefined, env.FENCE_ROOT];
  for (const c of candidates) if (c && isRoot(c)) return c;
  for (let dir = bundleLocation(); dir; ) {
    if (isRoot(dir)) return dir;
    const up = dirname(dir);
    dir = up === dir ? undefined : up;
  }
  const named = candidates.find(Boolean);
  throw new Error(
    named
      ? `fence: ${named} is not a fence installation (no packages/core and hooks there); run \`fence init yarn\` again`
      : 'fence: cannot find the fence installation; run `fence init yarn` (it sets fenceRoot in .yarnrc.yml) or set FENCE_ROOT',
  );
}
