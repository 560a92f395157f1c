import type net from 'node:net';
import type { Decision } from './check-target.js';
import { refusalMessage } from './refusal-message.js';
import type { ProxyContext, ProxyProtocol } from './types.js';

type Refused = Extract<Decision, { ok: false }>;

/** Reports a refusal to the context; a throwing callback must not take the proxy down. */
export function reportRefusal(ctx: ProxyContext, protocol: ProxyProtocol, d: Refused): void {
  try {
    ctx.onRefusal({ protocol, host: d.host, port: d.port, reason: d.reason });
  } catch {
    // The log is best effort; the refusal itself already happened.
  }
}

export function reportAllowed(ctx: ProxyContext, protocol: ProxyProtocol, host: string, port: number, address: string): void {
  try {
    ctx.onAllowed?.({ protocol, host, port, address });
  } catch {
    // Observers must not break the connection.
  }
}

/** Header values must not carry CR/LF or other control bytes from a client-chosen host. */
export function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}

/** A raw `403 Forbidden` for sockets that are no longer owned by the HTTP parser (CONNECT). */
export function writeRawForbidden(socket: net.Socket, d: Refused, ctx: ProxyContext): void {
  const body = `${refusalMessage(d, ctx)}\n`;
  socket.end(
    'HTTP/1.1 403 Forbidden\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `X-Fence-Blocked: ${headerSafe(d.host)}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}

export function writeRawStatus(socket: net.Socket, status: string): void {
  if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
  else socket.destroy();
}
