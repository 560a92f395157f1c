/**
 * The install session's broker with the script-shell ops: `node session-daemon-main.js <sessionDir> <ownerPid>`.
 * Started detached by the first fence-shell of an install (see broker/daemon-main.ts for the environment).
 */
import { startDaemon } from '../broker/daemon.js';
import { daemonOptionsFromEnv } from '../broker/daemon-options.js';
import { probeLinux } from '../sandbox/linux/probe.js';
import { ScriptLedger } from './script-ledger.js';
import { sessionHandlers } from './session-handlers.js';

process.on('SIGHUP', () => undefined);
process.on('SIGINT', () => undefined);

try {
  const ledger = new ScriptLedger();
  const options = daemonOptionsFromEnv(process.argv.slice(2), process.env);
  const daemon = await startDaemon({
    ...options,
    handlers: sessionHandlers(ledger, () => probeLinux().socat),
    onEvent: (ev) => ledger.observe(ev),
  });
  process.on('SIGTERM', () => void daemon.close());
  await daemon.closed;
  process.exit(0);
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exit(3);
}
