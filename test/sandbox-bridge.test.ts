// Both bridges from the sandbox's loopback to its proxy socket carry traffic:
// the compiled fence-bridge (listens before exec) and the socat fallback used
// where no C compiler could build it (a readiness loop instead).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { bridgeBinary, openLocalSession, prepareLaunch, resolvePolicy, spawnLaunch, type LocalSession } from '@fence/core';
import { startHttpServer, type RecordingServer } from './helpers/index.js';

let server: RecordingServer;
let session: LocalSession;
beforeAll(async () => {
  server = await startHttpServer(0);
  session = openLocalSession({ testHosts: { 'allowed.test': '127.0.0.1' } });
});
afterAll(async () => {
  await server.close();
  await session.close();
});

async function fetchThrough(bridge: string | undefined): Promise<string> {
  const cwd = mkdtempSync(join(tmpdir(), 'fence-bridge-'));
  const policy = resolvePolicy({
    config: { network: { allowedDomains: ['allowed.test'] } },
    identity: { name: 'curl', dir: cwd, kind: 'command', verified: true },
    cwd,
    projectRoot: cwd,
    env: { PATH: process.env.PATH, HOME: mkdtempSync(join(tmpdir(), 'fence-bridge-home-')) },
  });
  const proxySocket = await session.register(policy.identity, policy.network);
  // curl right away: with a bridge that is not listening yet this would be refused.
  const spec = prepareLaunch(policy, ['curl', '-s', `http://allowed.test:${server.port}/payload`], { proxySocket, bridge });
  const { child, exit } = spawnLaunch(spec, ['ignore', 'pipe', 'inherit']);
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  await exit;
  return out;
}

test('the compiled bridge', async (ctx) => {
  const bridge = bridgeBinary();
  if (!bridge) ctx.skip();
  expect(await fetchThrough(bridge)).toMatch(/fence-fixture-payload/);
});

test('the socat fallback', async () => {
  expect(await fetchThrough(undefined)).toMatch(/fence-fixture-payload/);
});

