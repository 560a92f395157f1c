import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import type { BrokerApi } from '../broker/daemon.js';
import { ScriptLedger } from './script-ledger.js';
import { sessionHandlers } from './session-handlers.js';

// prepare never gets as far as the api here: reading the (gone) process fails first.
const api = { sessionDir: '/nonexistent', session: 's', logPath: '/nonexistent/log', register: async () => '', log: (e: unknown) => e } as unknown as BrokerApi;

test('a prepare that fails still answers with shell text that runs nothing and says why', async () => {
  const gone = spawnSync('/bin/true').pid!;
  const text = await sessionHandlers(new ScriptLedger(), () => '/usr/bin/socat').prepare!({ op: 'prepare', pid: gone }, api);
  const r = spawnSync('/bin/sh', ['-c', `${text}\necho RAN`], { encoding: 'utf8' });
  expect(r.status).toBe(126);
  expect(r.stdout).not.toMatch(/RAN/);
  expect(r.stderr).toMatch(/could not prepare the sandbox/);
  expect(r.stderr).toMatch(/NOT run/);
});

test('a malformed prepare request is refused without running anything', async () => {
  const text = await sessionHandlers(new ScriptLedger(), () => '/usr/bin/socat').prepare!({ op: 'prepare', pid: 'x' }, api);
  const r = spawnSync('/bin/sh', ['-c', `${text}\necho RAN`], { encoding: 'utf8' });
  expect(r.status).toBe(2);
  expect(r.stdout).not.toMatch(/RAN/);
});

test('the compiled client gets the same refusal as tokens it can read', async () => {
  const gone = spawnSync('/bin/true').pid!;
  const text = await sessionHandlers(new ScriptLedger(), () => '/usr/bin/socat').prepare!({ op: 'prepare', pid: gone, format: 'tokens' }, api);
  const [version, message, exit] = text.split('\0');
  expect(version).toBe('v1');
  expect(message).toMatch(/^mfence: could not prepare the sandbox: .*\nThe script was NOT run/s);
  expect(exit).toBe('x126');
});
