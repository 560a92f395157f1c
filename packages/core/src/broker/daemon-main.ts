/**
 * The broker process of one install session: `node daemon-main.js <sessionDir> <ownerPid>`.
 * Started detached by ensureBroker(), outside any sandbox; exits when the owner (the package
 * manager) is gone or after an idle period, removing <sessionDir>.
 *
 * Environment:
 *   FENCE_TEST_HOSTS       JSON map name -> IP (tests only): those names stand in for public hosts
 *   FENCE_LOG_DIR          where session logs go (else $XDG_STATE_HOME/fence/logs, ~/.local/state/fence/logs)
 *   FENCE_BROKER_IDLE_MS   idle timeout (default 600000)
 *   FENCE_PROXY_HEADER_MS  time a client gets to send its request head (default 10000)
 */
import { startDaemon } from './daemon.js';
import { daemonOptionsFromEnv } from './daemon-options.js';
import { serveUntilClosed } from './serve-until-closed.js';
import { signalReady } from './signal-ready.js';

// Detached in its own session already; a terminal hang-up or Ctrl-C is not for us.
process.on('SIGHUP', () => undefined);
process.on('SIGINT', () => undefined);

try {
  const daemon = await startDaemon(daemonOptionsFromEnv(process.argv.slice(2), process.env));
  signalReady();
  await serveUntilClosed(daemon);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(3);
}
