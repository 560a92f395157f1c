import type { FenceConfig } from '../types.js';

/** Whole-command mode for Yarn Berry: its global cache; registry hosts come from .yarnrc.yml at run time. */
export const yarnProfile: FenceConfig = {
  filesystem: { allowWrite: ['.', '~/.yarn/berry', '~/.cache/node-gyp'] },
};
