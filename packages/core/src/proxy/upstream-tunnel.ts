import type net from 'node:net';
import { connectTcp } from './connect-tcp.js';
import { connectReusedRead, type ReusedReadSocket } from './reused-read-socket.js';
import { MAX_HEADER_BYTES } from './types.js';

/** `host:port`, with brackets around an IPv6 host. */
export function authority(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** How the proxy's reply is read from either kind of socket. */
interface ReplySource {
  readonly socket: net.Socket;
  listen(onChunk: (chunk: Buffer) => void): void;
  /** Stops reading; `rest` (what followed the reply) must reach the next reader first. */
  stop(rest: Buffer): void;
}

function eventSource(socket: net.Socket): ReplySource {
  let listener: ((chunk: Buffer) => void) | undefined;
  return {
    socket,
    listen(onChunk) {
      listener = onChunk;
      socket.on('data', onChunk);
    },
    stop(rest) {
      if (listener) socket.removeListener('data', listener);
      // Paused until the next reader is attached, so nothing is lost.
      socket.pause();
      if (rest.length > 0) socket.unshift(rest);
    },
  };
}

function reusedSource(upstream: ReusedReadSocket): ReplySource {
  return {
    socket: upstream.socket,
    listen(onChunk) {
      upstream.setSink({ write: (chunk) => (onChunk(chunk), true) });
    },
    stop(rest) {
      // Without a sink the socket stops reading and holds `rest` for the next one.
      upstream.setSink(undefined);
      upstream.unread(rest);
    },
  };
}

interface ProxyAddress {
  host: string;
  port: number;
  authorization: string;
}

function proxyAddress(proxyUrl: string): ProxyAddress {
  const url = new URL(proxyUrl);
  if (url.protocol !== 'http:') throw new Error(`upstreamProxy must be http://host:port, got ${proxyUrl}`);
  const authorization = url.username
    ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}\r\n`
    : '';
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80), authorization };
}

/** Sends CONNECT and waits for a 2xx reply; rejects (and destroys the socket) otherwise. */
function requestTunnel(source: ReplySource, proxy: ProxyAddress, target: string, timeoutMs: number): Promise<void> {
  const { socket } = source;
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${proxy.authorization}\r\n`);
  return new Promise((resolve, reject) => {
    // Chunks may view a reused read buffer: concat copies them.
    let head = Buffer.alloc(0);
    const fail = (err: Error) => {
      cleanup();
      source.stop(Buffer.alloc(0));
      socket.destroy();
      reject(err);
    };
    const onTimeout = () => fail(new Error('upstream proxy timed out'));
    const onEnd = () => fail(new Error('upstream proxy closed the connection'));
    const cleanup = () => {
      socket.setTimeout(0);
      socket.removeListener('timeout', onTimeout);
      socket.removeListener('error', fail);
      socket.removeListener('end', onEnd);
    };
    source.listen((chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEADER_BYTES) fail(new Error('upstream proxy sent an oversized reply'));
        return;
      }
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'));
      if (!status || !(status[1] as string).startsWith('2')) {
        return fail(new Error(`upstream proxy refused ${target}: ${status ? status[1] : 'bad reply'}`));
      }
      cleanup();
      source.stop(head.subarray(end + 4));
      resolve();
    });
    socket.setTimeout(timeoutMs, onTimeout);
    socket.once('error', fail);
    socket.once('end', onEnd);
  });
}

/** A CONNECT tunnel through the upstream (corporate) proxy, as a socket that emits 'data' (paused). */
export async function tunnelWithEvents(proxyUrl: string, host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  const proxy = proxyAddress(proxyUrl);
  const socket = await connectTcp(proxy.host, proxy.port, timeoutMs);
  await requestTunnel(eventSource(socket), proxy, authority(host, port), timeoutMs);
  return socket;
}

/** A CONNECT tunnel through the upstream (corporate) proxy, reading into a reused buffer. */
export async function tunnelWithReusedRead(proxyUrl: string, host: string, port: number, timeoutMs: number): Promise<ReusedReadSocket> {
  const proxy = proxyAddress(proxyUrl);
  const upstream = await connectReusedRead(proxy.host, proxy.port, timeoutMs);
  await requestTunnel(reusedSource(upstream), proxy, authority(host, port), timeoutMs);
  return upstream;
}
