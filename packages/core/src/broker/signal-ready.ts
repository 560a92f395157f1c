import { closeSync, openSync, writeSync } from 'node:fs';

/**
 * Tells whoever started the broker that it listens: one line on stdout (a pipe the starter
 * reads instead of polling). Then stdout becomes /dev/null, so a starter that has gone
 * cannot turn a later write into EPIPE.
 */
export function signalReady(): void {
  try {
    writeSync(1, 'listening\n');
  } catch {
    // Nobody reads: the starter polls instead.
  }
  try {
    closeSync(1);
    // The lowest free fd is 1 again.
    openSync('/dev/null', 'w');
  } catch {
    // stdout was not open.
  }
}
