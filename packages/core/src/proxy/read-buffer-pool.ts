/**
 * Read buffers of closed upstream connections, kept for the next ones. Connections come and go
 * (a package manager opens hundreds), and a fresh buffer each is external memory that only a GC
 * returns. Give a buffer back only once its socket has closed and nothing writes from it.
 */

export const READ_BUFFER_BYTES = 16 * 1024;

/** Idle buffers kept at most (512 KiB). */
const KEEP = 32;

const idle: Buffer[] = [];

export function takeReadBuffer(): Buffer {
  return idle.pop() ?? Buffer.allocUnsafeSlow(READ_BUFFER_BYTES);
}

export function giveBackReadBuffer(buffer: Buffer): void {
  if (idle.length < KEEP) idle.push(buffer);
}
