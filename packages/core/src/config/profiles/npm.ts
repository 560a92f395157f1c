import type { FenceConfig } from '../types.js';

/** Whole-command mode for npm: the registry hosts are added at run time from npm's own config. */
export const npmProfile: FenceConfig = {
  filesystem: { allowWrite: ['.', '~/.npm', '~/.cache/node-gyp'] },
};
