import type net from 'node:net';
import { connectTcp } from './connect-tcp.js';
import { giveBackReadBuffer, takeReadBuffer } from './read-buffer-pool.js';

/** Receives an upstream's bytes. */
export interface ChunkSink {
  /**
   * `chunk` views memory that the next read overwrites: copy it, or return false (which stops
   * reading until `resume()`) while anything still points into it.
   */
  write(chunk: Buffer): boolean;
}

/**
 * A TCP socket that reads into one buffer of its own (net `onread`) instead of a fresh buffer
 * per read: fresh buffers are external memory that only a GC returns, which made the broker's
 * RSS balloon under load. Its 'end', 'close' and 'error' events and its writable side are the
 * ordinary ones; its bytes go only to the sink. After 'close' the buffer serves another socket.
 */
export interface ReusedReadSocket {
  readonly socket: net.Socket;
  /** Routes bytes to `sink`, held ones first. Without a sink, bytes read are copied and held. */
  setSink(sink: ChunkSink | undefined): void;
  /** Puts bytes (now owned by this socket) before all not yet delivered; only while no sink is set. */
  unread(bytes: Buffer): void;
  /** Continues after the sink returned false. */
  resume(): void;
}

export async function connectReusedRead(host: string, port: number, timeoutMs: number): Promise<ReusedReadSocket> {
  const buffer = takeReadBuffer();
  let sink: ChunkSink | undefined;
  let paused = false;
  let inRead = false;
  // Servers may speak first (SSH banners) or a proxy reply may carry tunnel bytes: keep them.
  const held: Buffer[] = [];

  /** Delivers held bytes while the sink takes them; true when reading may go on. */
  const deliverHeld = (): boolean => {
    while (sink && !paused) {
      const next = held.shift();
      if (!next) break;
      if (!sink.write(next)) paused = true;
    }
    return held.length === 0 && sink !== undefined && !paused;
  };

  const onRead = (n: number): boolean => {
    const chunk = n === buffer.length ? buffer : buffer.subarray(0, n);
    if (!sink) {
      held.push(Buffer.from(chunk));
      return false;
    }
    inRead = true;
    try {
      if (!sink.write(chunk)) paused = true;
    } finally {
      inRead = false;
    }
    // The sink may have been replaced or removed meanwhile; returning false stops the reads.
    return deliverHeld();
  };

  let socket: net.Socket;
  try {
    socket = await connectTcp(host, port, timeoutMs, { buffer, callback: onRead });
  } catch (err) {
    giveBackReadBuffer(buffer);
    throw err;
  }
  // Closed: no more reads into the buffer, and a joined client is destroyed in the same 'close'.
  socket.once('close', () => giveBackReadBuffer(buffer));
  const resume = (): void => {
    paused = false;
    // Inside a read, its return value restarts reading; resuming the socket here would be undone.
    if (deliverHeld() && !inRead) socket.resume();
  };
  return {
    socket,
    setSink(next) {
      sink = next;
      if (next) resume();
    },
    unread(bytes) {
      if (bytes.length > 0) held.unshift(bytes);
    },
    resume,
  };
}
