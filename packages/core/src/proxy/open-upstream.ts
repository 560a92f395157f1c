import net from 'node:net';
import { DEFAULT_CONNECT_MS, MAX_HEADER_BYTES, type ProxyContext } from './types.js';

function connectTcp(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, allowHalfOpen: true, noDelay: true });
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`connect to ${host}:${port} timed out`)));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeListener('error', fail);
      // Until the caller attaches its own handlers, an early reset must not become an uncaught error.
      socket.on('error', () => socket.destroy());
      resolve(socket);
    });
  });
}

function authority(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Opens a CONNECT tunnel through the configured upstream (corporate) proxy. */
async function tunnelThrough(proxyUrl: string, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const url = new URL(proxyUrl);
  if (url.protocol !== 'http:') throw new Error(`upstreamProxy must be http://host:port, got ${proxyUrl}`);
  const proxyHost = url.hostname.replace(/^\[|\]$/g, '');
  const socket = await connectTcp(proxyHost, Number(url.port || 80), timeoutMs);
  const target = authority(host, port);
  const auth = url.username ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}\r\n` : '';
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const fail = (err: Error) => {
      cleanup();
      socket.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > MAX_HEADER_BYTES) fail(new Error('upstream proxy sent an oversized reply'));
        return;
      }
      cleanup();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(buf.subarray(0, end).toString('latin1'));
      if (!status || !(status[1] as string).startsWith('2')) {
        socket.destroy();
        reject(new Error(`upstream proxy refused ${target}: ${status ? status[1] : 'bad reply'}`));
        return;
      }
      const rest = buf.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      resolve(socket);
    };
    const onEnd = () => fail(new Error('upstream proxy closed the connection'));
    const cleanup = () => {
      socket.setTimeout(0);
      socket.removeListener('data', onData);
      socket.removeListener('error', fail);
      socket.removeListener('end', onEnd);
      socket.pause();
    };
    socket.setTimeout(timeoutMs, () => fail(new Error('upstream proxy timed out')));
    socket.on('data', onData);
    socket.once('error', fail);
    socket.once('end', onEnd);
  });
}

/** A connected socket to the checked destination, directly or through network.upstreamProxy. */
export function openUpstream(connectHost: string, port: number, ctx: ProxyContext): Promise<net.Socket> {
  const timeoutMs = ctx.timeouts?.connectMs ?? DEFAULT_CONNECT_MS;
  const upstream = ctx.policy.upstreamProxy;
  return upstream ? tunnelThrough(upstream, connectHost, port, timeoutMs) : connectTcp(connectHost, port, timeoutMs);
}

/** The address reported in AllowedEvent: where bytes actually go. */
export function upstreamAddress(connectHost: string, port: number, ctx: ProxyContext): string {
  return ctx.policy.upstreamProxy ? `${ctx.policy.upstreamProxy} -> ${authority(connectHost, port)}` : authority(connectHost, port);
}

/**
 * Joins two sockets with backpressure. A half-close is passed on (the other side is ended);
 * when either side closes or fails, both are destroyed so nothing lingers.
 */
export function joinSockets(a: net.Socket, b: net.Socket): void {
  const destroyBoth = () => {
    a.destroy();
    b.destroy();
  };
  a.on('error', destroyBoth);
  b.on('error', destroyBoth);
  a.once('close', destroyBoth);
  b.once('close', destroyBoth);
  a.pipe(b);
  b.pipe(a);
}
