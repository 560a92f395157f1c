import { writeSync } from 'node:fs';

/** A stderr logger that costs nothing when debugging is off. */
export type DebugLog = (message: string) => void;

export function createDebugLog(enabled: boolean): DebugLog {
  if (!enabled) return () => {};
  // writeSync: the line must land even if the process exits right after (e.g. `node -e 0`).
  return (message) => {
    try {
      writeSync(2, `fence-preload[${process.pid}]: ${message}\n`);
    } catch {
      // stderr closed: nothing useful to do.
    }
  };
}

/** Always printed: routing could not be installed, so connections will fail (closed) instead of using the proxy. */
export function warn(message: string): void {
  try {
    writeSync(2, `fence: ${message}\n`);
  } catch {
    // stderr closed.
  }
}
