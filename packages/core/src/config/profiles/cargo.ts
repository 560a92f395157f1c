import type { FenceConfig } from '../types.js';

/** cargo: the crates.io index and downloads, cargo's caches, and the installed toolchains. */
export const cargoProfile: FenceConfig = {
  network: { allowedDomains: ['crates.io', 'index.crates.io', 'static.crates.io'] },
  filesystem: {
    allowWrite: ['.', '~/.cargo/registry', '~/.cargo/git'],
    allowRead: ['~/.rustup', '~/.cargo/bin'],
  },
};
