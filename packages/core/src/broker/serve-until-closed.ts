import type { RunningDaemon } from './daemon.js';

/** The broker process's life after start: SIGTERM closes it, and it exits once closed. */
export async function serveUntilClosed(daemon: RunningDaemon): Promise<never> {
  process.on('SIGTERM', () => void daemon.close());
  // One bad connection must not take the network away from every script of the install.
  process.on('uncaughtException', (err) => {
    daemon.api.log({ type: 'warning', message: `broker error: ${err.message}` });
  });
  await daemon.closed;
  process.exit(0);
}
