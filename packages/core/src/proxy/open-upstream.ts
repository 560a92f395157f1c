import type net from 'node:net';
import { connectTcp } from './connect-tcp.js';
import { connectReusedRead, type ReusedReadSocket } from './reused-read-socket.js';
import { DEFAULT_CONNECT_MS, type ProxyContext } from './types.js';
import { authority, tunnelWithEvents, tunnelWithReusedRead } from './upstream-tunnel.js';

/**
 * A connection to the checked destination, directly or through network.upstreamProxy, that
 * reads into one reused buffer: for relays (CONNECT, SOCKS5), see joinSockets.
 */
export function openUpstream(connectHost: string, port: number, ctx: ProxyContext): Promise<ReusedReadSocket> {
  const timeoutMs = ctx.timeouts?.connectMs ?? DEFAULT_CONNECT_MS;
  const proxy = ctx.policy.upstreamProxy;
  return proxy ? tunnelWithReusedRead(proxy, connectHost, port, timeoutMs) : connectReusedRead(connectHost, port, timeoutMs);
}

/**
 * The same, as an ordinary socket that emits 'data' (Node's HTTP client parser needs that).
 * Each read allocates a buffer: count relayed bytes with the external memory valve.
 * A tunnel arrives paused, so no byte is lost before the parser is attached.
 */
export function openUpstreamWithEvents(connectHost: string, port: number, ctx: ProxyContext): Promise<net.Socket> {
  const timeoutMs = ctx.timeouts?.connectMs ?? DEFAULT_CONNECT_MS;
  const proxy = ctx.policy.upstreamProxy;
  return proxy ? tunnelWithEvents(proxy, connectHost, port, timeoutMs) : connectTcp(connectHost, port, timeoutMs);
}

/** The address reported in AllowedEvent: where bytes actually go. */
export function upstreamAddress(connectHost: string, port: number, ctx: ProxyContext): string {
  return ctx.policy.upstreamProxy ? `${ctx.policy.upstreamProxy} -> ${authority(connectHost, port)}` : authority(connectHost, port);
}
