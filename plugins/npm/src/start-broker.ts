/**
 * `node start-broker.js <ownerPid>`: starts (or finds) the install session's broker.
 * Run once per install by the first fence-shell; race-free among parallel scripts.
 */
import { daemonCommand, ensureBroker } from '@fence/core';

const owner = Number(process.argv[2]);
try {
  await ensureBroker({ ownerPid: owner, daemonCommand: daemonCommand() });
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
}
