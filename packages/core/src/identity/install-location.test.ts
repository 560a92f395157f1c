import { describe, expect, it } from 'vitest';
import { installLocation } from './install-location.js';

describe('installLocation', () => {
  it('reads name and project root from an npm layout', () => {
    expect(installLocation('/p/node_modules/@s/a')).toEqual({ name: '@s/a', projectRoot: '/p' });
  });

  it('takes the version of a pnpm store entry, peers suffix dropped', () => {
    const loc = installLocation('/p/node_modules/.pnpm/@s+a@1.2.3_peer@4.0.0/node_modules/@s/a');
    expect(loc).toEqual({ name: '@s/a', projectRoot: '/p', storeVersion: '1.2.3' });
  });

  it('has no store version for a file: tarball entry (its key names a path, not a version)', () => {
    const loc = installLocation('/p/node_modules/.pnpm/a@file+..+..+tarballs+a-1.0.0.tgz/node_modules/a');
    expect(loc).toEqual({ name: 'a', projectRoot: '/p' });
  });
});
