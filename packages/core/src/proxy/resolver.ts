import { lookup } from 'node:dns/promises';
import { normalizeHostName } from './host-rules.js';
import type { HostResolver, ResolvedHost } from './types.js';

export interface ResolverOptions {
  /**
   * Test-only names that stand in for public hosts, e.g. `{"allowed.test": "127.0.0.1"}`.
   * Only the broker's own start options may supply it, never anything a sandboxed script controls.
   */
  testHosts?: Record<string, string>;
}

export function createHostResolver(options: ResolverOptions = {}): HostResolver {
  const mapped = new Map<string, string>();
  for (const [name, ip] of Object.entries(options.testHosts ?? {})) {
    const key = normalizeHostName(name);
    if (key) mapped.set(key, ip);
  }
  return {
    async resolve(name: string): Promise<ResolvedHost> {
      const fixed = mapped.get(name);
      if (fixed !== undefined) return { addresses: [fixed], testMapped: true };
      const found = await lookup(name, { all: true, verbatim: true });
      return { addresses: found.map((a) => a.address), testMapped: false };
    },
  };
}
