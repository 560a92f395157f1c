import net from 'node:net';
import { contextOf } from './connection-context.js';
import { httpFront } from './http-front.js';
import { handleSocks5 } from './socks5.js';
import { DEFAULT_HEADER_MS, type ProxyContext } from './types.js';

/**
 * Serves one client connection. The first byte picks the protocol: 0x05 is SOCKS5, anything
 * else goes to the HTTP parser (CONNECT tunnels and absolute-URI forwarding). Never throws;
 * malformed input ends in a refusal or a closed socket.
 */
export function handleProxyConnection(socket: net.Socket, ctx: ProxyContext): void {
  const headerMs = ctx.timeouts?.headerMs ?? DEFAULT_HEADER_MS;
  socket.on('error', () => socket.destroy());
  socket.setNoDelay(true);
  const onTimeout = () => socket.destroy();
  socket.setTimeout(headerMs, onTimeout);
  const clearTimer = () => {
    socket.setTimeout(0);
    socket.removeListener('timeout', onTimeout);
  };
  const onEnd = () => {
    clearTimer();
    socket.destroy();
  };
  socket.once('end', onEnd);
  socket.once('data', (first: Buffer) => {
    socket.removeListener('end', onEnd);
    socket.pause();
    if (first[0] === 0x05) {
      // The SOCKS handshake keeps the idle timer until it is done.
      socket.once('end', onEnd);
      handleSocks5(socket, first, ctx, () => {
        clearTimer();
        socket.removeListener('end', onEnd);
      });
      socket.resume();
      return;
    }
    // The HTTP parser times heads itself, with one shared interval.
    clearTimer();
    contextOf.set(socket, ctx);
    socket.unshift(first);
    httpFront(headerMs).emit('connection', socket);
    socket.resume();
  });
}

/** A listener whose every connection is served with the context the factory returns. */
export function createProxyServer(ctxFactory: (socket: net.Socket) => ProxyContext): net.Server {
  const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: false }, (socket) => {
    let ctx: ProxyContext;
    try {
      ctx = ctxFactory(socket);
    } catch {
      socket.destroy();
      return;
    }
    handleProxyConnection(socket, ctx);
  });
  return server;
}
