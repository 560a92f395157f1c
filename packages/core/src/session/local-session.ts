import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NetworkPolicy, ScriptIdentity } from '../policy/types.js';
import { createHostResolver, createProxyServer, type RefusalEvent } from '../proxy/index.js';

export interface SessionEvent extends RefusalEvent {
  type: 'network';
  time: string;
  package: string;
  version?: string;
  event?: string;
}

export interface LocalSession {
  dir: string;
  /** A proxy endpoint (unix socket) judged by this identity's policy. */
  register(identity: ScriptIdentity, network: NetworkPolicy): Promise<string>;
  close(): Promise<void>;
}

/**
 * A session whose proxy lives in this process: for `fence-run`, where the
 * command's own process is the whole session. Sockets sit in a private 0700 dir.
 */
export function openLocalSession(opts: { testHosts?: Record<string, string>; onEvent?: (ev: SessionEvent) => void } = {}): LocalSession {
  const dir = mkdtempSync(join(process.env.XDG_RUNTIME_DIR || tmpdir(), 'fence-run-'));
  const resolver = createHostResolver({ testHosts: opts.testHosts });
  const servers: Server[] = [];
  let n = 0;
  return {
    dir,
    register(identity, network) {
      const path = join(dir, `s-${n++}.sock`);
      const server = createProxyServer(() => ({
        policy: network,
        identity: { name: identity.name, version: identity.version, event: identity.event, kind: identity.kind },
        resolver,
        onRefusal: (ev) =>
          opts.onEvent?.({ type: 'network', time: new Date().toISOString(), package: identity.name, version: identity.version, event: identity.event, ...ev }),
      }));
      servers.push(server);
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(path, () => resolve(path));
      });
    },
    async close() {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(() => r(undefined)))));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
