import { chmodSync, unlinkSync } from 'node:fs';
import type net from 'node:net';
import path from 'node:path';
import type { NetworkPolicy } from '../policy/types.js';
import { createProxyServer } from '../proxy/handle-connection.js';
import type { HostResolver, ProxyIdentity, ProxyTimeouts } from '../proxy/types.js';
import type { EventLog } from '../report/event-log.js';

export interface ScriptProxiesOptions {
  sessionDir: string;
  resolver: HostResolver;
  log: EventLog;
  timeouts?: ProxyTimeouts;
  /** Called when a proxy connection opens or closes (for the idle timer). */
  onActivity(delta: 1 | -1): void;
}

/**
 * One unix-socket proxy listener per distinct (identity, network policy). Scripts that share
 * both share a listener, so a large install does not pile up sockets.
 */
export class ScriptProxies {
  private readonly byKey = new Map<string, Promise<string>>();
  private readonly servers: net.Server[] = [];
  private readonly sockets = new Set<net.Socket>();
  private counter = 0;

  constructor(private readonly opts: ScriptProxiesOptions) {}

  register(identity: ProxyIdentity, network: NetworkPolicy): Promise<string> {
    const key = JSON.stringify([identity, network]);
    let found = this.byKey.get(key);
    if (!found) {
      found = this.listen(identity, network);
      this.byKey.set(key, found);
      found.catch(() => this.byKey.delete(key));
    }
    return found;
  }

  private listen(identity: ProxyIdentity, network: NetworkPolicy): Promise<string> {
    const socketPath = path.join(this.opts.sessionDir, `s-${++this.counter}.sock`);
    const { log, resolver, timeouts } = this.opts;
    const server = createProxyServer(() => ({
      policy: network,
      identity,
      resolver,
      timeouts,
      onRefusal: (ev) =>
        log.write({ type: 'network', package: identity.name, version: identity.version, event: identity.event, ...ev }),
    }));
    server.on('connection', (socket: net.Socket) => {
      this.sockets.add(socket);
      this.opts.onActivity(1);
      socket.once('close', () => {
        this.sockets.delete(socket);
        this.opts.onActivity(-1);
      });
    });
    this.servers.push(server);
    return new Promise((resolve, reject) => {
      try {
        unlinkSync(socketPath);
      } catch {
        // Usually absent.
      }
      server.once('error', reject);
      server.listen(socketPath, () => {
        server.removeListener('error', reject);
        chmodSync(socketPath, 0o600);
        resolve(socketPath);
      });
    });
  }

  /** Stops every listener and drops every open connection. */
  closeAll(): void {
    for (const s of this.servers) s.close();
    for (const s of this.sockets) s.destroy();
  }
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/** Checks an untrusted `register` message; returns an error text or the parsed parts. */
export function parseRegistration(msg: Record<string, unknown>): { identity: ProxyIdentity; network: NetworkPolicy } | string {
  const id = msg.identity as Record<string, unknown> | undefined;
  const net = msg.network as Record<string, unknown> | undefined;
  if (!id || typeof id !== 'object' || typeof id.name !== 'string') return 'identity.name is required';
  for (const k of ['version', 'event', 'kind'] as const) {
    if (id[k] !== undefined && typeof id[k] !== 'string') return `identity.${k} must be a string`;
  }
  if (!net || typeof net !== 'object') return 'network is required';
  if (!isStringArray(net.allowedDomains) || !isStringArray(net.deniedDomains)) return 'network.allowedDomains/deniedDomains must be string arrays';
  if (net.upstreamProxy !== undefined && typeof net.upstreamProxy !== 'string') return 'network.upstreamProxy must be a string';
  const identity: ProxyIdentity = { name: id.name };
  if (typeof id.version === 'string') identity.version = id.version;
  if (typeof id.event === 'string') identity.event = id.event;
  if (typeof id.kind === 'string') identity.kind = id.kind as ProxyIdentity['kind'];
  const network: NetworkPolicy = {
    allowedDomains: net.allowedDomains,
    deniedDomains: net.deniedDomains,
    allowLocalOutbound: net.allowLocalOutbound === true,
    allowLocalBinding: net.allowLocalBinding === true,
  };
  if (typeof net.upstreamProxy === 'string') network.upstreamProxy = net.upstreamProxy;
  return { identity, network };
}
