import type { FenceConfig } from '../types.js';

/** pip: the package index and its file host, and pip's download cache. */
export const pipProfile: FenceConfig = {
  network: { allowedDomains: ['pypi.org', 'files.pythonhosted.org'] },
  filesystem: { allowWrite: ['.', '~/.cache/pip'] },
};
