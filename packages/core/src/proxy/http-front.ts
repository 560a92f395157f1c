import http from 'node:http';
import type net from 'node:net';
import { checkTarget } from './check-target.js';
import { contextOf } from './connection-context.js';
import { joinSockets } from './join-sockets.js';
import { openUpstream, upstreamAddress } from './open-upstream.js';
import { forwardRequest } from './forward-request.js';
import type { ReusedReadSocket } from './reused-read-socket.js';
import { reportAllowed, reportRefusal, writeRawForbidden, writeRawStatus } from './refuse.js';
import { MAX_HEADER_BYTES } from './types.js';

/** `host:port` or `[v6]:port` from a CONNECT request target; the port is mandatory. */
export function parseAuthority(target: string): { host: string; port: number } | undefined {
  const m = /^(\[[^\]]*\]|[^:\[\]]*):(\d{1,5})$/.exec(target);
  if (!m) return undefined;
  return { host: m[1] as string, port: Number(m[2]) };
}

async function onConnect(req: http.IncomingMessage, socket: net.Socket, head: Buffer): Promise<void> {
  const ctx = contextOf.get(socket);
  if (!ctx) return void socket.destroy();
  const authority = parseAuthority(req.url ?? '');
  if (!authority) return writeRawStatus(socket, '400 Bad Request');
  const d = await checkTarget(authority.host, authority.port, ctx);
  if (!d.ok) {
    reportRefusal(ctx, 'connect', d);
    return writeRawForbidden(socket, d, ctx);
  }
  if (socket.destroyed) return;
  reportAllowed(ctx, 'connect', d.host, d.port, upstreamAddress(d.connectHost, d.port, ctx));
  socket.pause();
  let upstream: ReusedReadSocket;
  try {
    upstream = await openUpstream(d.connectHost, d.port, ctx);
  } catch {
    return writeRawStatus(socket, '502 Bad Gateway');
  }
  if (socket.destroyed) return void upstream.socket.destroy();
  socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
  if (head.length > 0) upstream.socket.write(head);
  joinSockets(socket, upstream);
}

/**
 * One HTTP parser per header timeout, shared by all connections: Node's parser enforces the
 * header size, and its single checking interval enforces the header timeout for every
 * connection at once (no timer per connection).
 */
const fronts = new Map<number, http.Server>();

export function httpFront(headerMs: number): http.Server {
  let server = fronts.get(headerMs);
  if (server) return server;
  server = http.createServer({
    maxHeaderSize: MAX_HEADER_BYTES,
    headersTimeout: headerMs,
    // Uploads through the proxy may legitimately take long; only the head is timed.
    requestTimeout: 0,
    connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headerMs / 4))),
    keepAliveTimeout: 5000,
    // Absolute-URI requests name their host; a missing Host header is no reason to refuse.
    requireHostHeader: false,
  });
  server.on('request', (req, res) => void forwardRequest(req, res).catch(() => res.destroy()));
  server.on('connect', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    void onConnect(req, socket, head).catch(() => socket.destroy());
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
    const tooBig = err.code === 'HPE_HEADER_OVERFLOW';
    writeRawStatus(socket, tooBig ? '431 Request Header Fields Too Large' : '400 Bad Request');
  });
  // The parser never listens itself; 'listening' is what starts its timeout checker.
  server.emit('listening');
  fronts.set(headerMs, server);
  return server;
}
