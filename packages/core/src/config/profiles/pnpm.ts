import type { FenceConfig } from '../types.js';

/** Whole-command mode for pnpm: the store and metadata cache; registry hosts come from pnpm's config at run time. */
export const pnpmProfile: FenceConfig = {
  filesystem: { allowWrite: ['.', '~/.cache/pnpm', '~/.local/share/pnpm', '~/.local/state/pnpm', '~/.cache/node-gyp'] },
};
