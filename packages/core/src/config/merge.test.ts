import { describe, expect, it } from 'vitest';
import { mergeConfigs } from './merge.js';
import type { FenceConfig } from './types.js';

describe('mergeConfigs', () => {
  it('concatenates lists without duplicates, lower first', () => {
    const merged = mergeConfigs(
      { network: { allowedDomains: ['a.com', 'b.com'] }, filesystem: { allowWrite: ['.'] } },
      { network: { allowedDomains: ['b.com', 'c.com'] } },
    );
    expect(merged).toEqual({ network: { allowedDomains: ['a.com', 'b.com', 'c.com'] }, filesystem: { allowWrite: ['.'] } });
  });

  it('lets higher scalars win and keeps lower ones otherwise', () => {
    const merged = mergeConfigs(
      { sandbox: { seccomp: true, audit: true }, scripts: { runByHand: 'host' }, network: { upstreamProxy: 'http://a.example' } },
      { sandbox: { seccomp: false }, network: { upstreamProxy: 'http://b.example' } },
    );
    expect(merged).toEqual({ sandbox: { seccomp: false, audit: true }, scripts: { runByHand: 'host' }, network: { upstreamProxy: 'http://b.example' } });
  });

  it('merges packages entries per key, recursively', () => {
    const lower: FenceConfig = {
      packages: {
        sharp: { network: { allowedDomains: ['github.com'] }, reason: 'libvips' },
        esbuild: { reason: 'binary check' },
      },
    };
    const higher: FenceConfig = {
      packages: {
        sharp: { network: { allowedDomains: ['mirror.example'], allowLocalOutbound: true }, reason: 'our mirror' },
        '@prisma/*': { network: { allowedDomains: ['binaries.prisma.sh'] } },
      },
    };
    expect(mergeConfigs(lower, higher).packages).toEqual({
      sharp: { network: { allowedDomains: ['github.com', 'mirror.example'], allowLocalOutbound: true }, reason: 'our mirror' },
      esbuild: { reason: 'binary check' },
      '@prisma/*': { network: { allowedDomains: ['binaries.prisma.sh'] } },
    });
  });

  it('changes neither input and shares no objects with them', () => {
    const lower: FenceConfig = { filesystem: { allowWrite: ['.'] } };
    const higher: FenceConfig = { env: { allow: ['A'] } };
    const merged = mergeConfigs(lower, higher);
    merged.filesystem!.allowWrite!.push('x');
    merged.env!.allow!.push('B');
    expect(lower).toEqual({ filesystem: { allowWrite: ['.'] } });
    expect(higher).toEqual({ env: { allow: ['A'] } });
  });
});
