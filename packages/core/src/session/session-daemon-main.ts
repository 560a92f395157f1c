/**
 * The install session's broker with the script-shell ops:
 *   node session-daemon.cjs <sessionDir> <ownerPid>   started by ensureBroker() (npm's POSIX fence-shell, Yarn)
 *   node session-daemon.cjs --ensure <ownerPid>       started by the compiled fence-shell: finds the session's
 *                                                     broker or becomes it, saving a second Node start
 * Either way it prints one line once the session's broker listens (see broker/daemon-main.ts for the environment).
 */
import { writeSync } from 'node:fs';
import { ensureBroker } from '../broker/client.js';
import { startDaemon, type RunningDaemon } from '../broker/daemon.js';
import { daemonOptionsFromEnv } from '../broker/daemon-options.js';
import { serveUntilClosed } from '../broker/serve-until-closed.js';
import { signalReady } from '../broker/signal-ready.js';
import { probeLinux } from '../sandbox/linux/probe.js';
import { ScriptLedger } from './script-ledger.js';
import { sessionHandlers } from './session-handlers.js';

process.on('SIGHUP', () => undefined);
process.on('SIGINT', () => undefined);

function serve(sessionDir: string, ownerPid: string): Promise<RunningDaemon> {
  const ledger = new ScriptLedger();
  return startDaemon({
    ...daemonOptionsFromEnv([sessionDir, ownerPid], process.env),
    handlers: sessionHandlers(ledger, () => probeLinux().socat),
    onEvent: (ev) => ledger.observe(ev),
  });
}

// No top-level await: the build bundles this file as CommonJS (session-daemon.cjs),
// which keeps the long-lived broker free of the ES module loader (a few MiB of RSS).
async function main(): Promise<never> {
  try {
    const [first = '', second = ''] = process.argv.slice(2);
    let daemon: RunningDaemon | undefined;
    if (first === '--ensure') {
      const ownerPid = Number(second);
      if (!Number.isInteger(ownerPid) || ownerPid <= 0) throw new Error('usage: session-daemon.cjs --ensure <ownerPid>');
      await ensureBroker({ ownerPid, startHere: async (dir) => void (daemon = await serve(dir, second)) });
    } else {
      daemon = await serve(first, second);
    }
    signalReady();
    // Another process is the session's broker: this one only waited for it.
    if (!daemon) process.exit(0);
    return await serveUntilClosed(daemon);
  } catch (err) {
    const message = `${(err as Error).message.split('\n')[0]}\n`;
    process.stderr.write(message);
    // The compiled fence-shell reads stdout (stderr is /dev/null there, so npm's pipes are never held open).
    try {
      writeSync(1, message);
    } catch {
      // stdout is not a reader any more.
    }
    process.exit(3);
  }
}

void main();
