import type { NetworkPolicy, ScriptKind } from '../policy/types.js';

/** Which front door of the proxy a connection came through. */
export type ProxyProtocol = 'http' | 'connect' | 'socks5';

/**
 * Why a destination was refused. Stable codes: they end up in the session log.
 * - not-allowed: the name is not in allowedDomains
 * - denied: the name (or IP) is in deniedDomains
 * - ip-literal: an IP address that allowedDomains does not list
 * - local-address: the name resolves only to loopback/private/link-local/... addresses
 * - dns: the name does not resolve
 * - bad-port / bad-host: the request names no valid destination
 */
export type RefusalReason = 'not-allowed' | 'denied' | 'ip-literal' | 'local-address' | 'dns' | 'bad-port' | 'bad-host';

export interface RefusalEvent {
  protocol: ProxyProtocol;
  host: string;
  port: number;
  reason: RefusalReason;
}

export interface AllowedEvent {
  protocol: ProxyProtocol;
  host: string;
  port: number;
  /** The address actually connected to (the upstream proxy when one is configured). */
  address: string;
}

/** Who the traffic belongs to; `kind` chooses the wording of the refusal hint. */
export interface ProxyIdentity {
  name: string;
  version?: string;
  event?: string;
  kind?: ScriptKind;
}

export interface ResolvedHost {
  addresses: string[];
  /** True when the name came from the test host map: exempt from the local-address refusal. */
  testMapped: boolean;
}

export interface HostResolver {
  /** Resolves a normalised host name; rejects when it does not resolve. */
  resolve(name: string): Promise<ResolvedHost>;
}

export interface ProxyTimeouts {
  /** Time allowed to send the first request head / SOCKS handshake (default 10 s). */
  headerMs?: number;
  /** Time allowed for the upstream TCP connect (default 30 s). */
  connectMs?: number;
}

export interface ProxyContext {
  policy: NetworkPolicy;
  identity?: ProxyIdentity;
  onRefusal(ev: RefusalEvent): void;
  onAllowed?(ev: AllowedEvent): void;
  resolver: HostResolver;
  timeouts?: ProxyTimeouts;
}

export const DEFAULT_HEADER_MS = 10_000;
export const DEFAULT_CONNECT_MS = 30_000;
/** Largest request head (or SOCKS handshake) accepted. */
export const MAX_HEADER_BYTES = 16 * 1024;
