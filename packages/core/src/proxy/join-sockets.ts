import type net from 'node:net';
import { noteAllocatedBytes } from './external-memory-valve.js';
import type { ReusedReadSocket } from './reused-read-socket.js';

/**
 * Joins a client and an upstream with backpressure both ways. A half-close is passed on (the
 * other side is ended); when either side closes or fails, both are destroyed so nothing lingers.
 */
export function joinSockets(client: net.Socket, upstream: ReusedReadSocket): void {
  const up = upstream.socket;
  const destroyBoth = () => {
    client.destroy();
    up.destroy();
  };
  // A side that is already gone will not emit 'close' again.
  if (client.destroyed || up.destroyed) return destroyBoth();
  client.on('error', destroyBoth);
  up.on('error', destroyBoth);
  client.once('close', destroyBoth);
  up.once('close', destroyBoth);

  // Client to upstream: ordinary reads, a fresh buffer each, hence the valve.
  client.on('data', (chunk: Buffer) => {
    noteAllocatedBytes(chunk.length);
    if (!up.write(chunk)) client.pause();
  });
  up.on('drain', () => client.resume());
  // Either side may have half-closed before the join: pass that on too.
  if (client.readableEnded) up.end();
  else client.once('end', () => up.end());

  // Upstream to client: a chunk views the upstream's one read buffer and a pending write still
  // points into it, so reading waits until the client has flushed everything.
  let waiting = false;
  const flushed = () => {
    if (!waiting || client.writableLength > 0) return;
    waiting = false;
    upstream.resume();
  };
  upstream.setSink({
    write(chunk) {
      client.write(chunk, flushed);
      if (client.writableLength === 0) return true;
      waiting = true;
      return false;
    },
  });
  if (up.readableEnded) client.end();
  else up.once('end', () => client.end());
  client.resume();
}
