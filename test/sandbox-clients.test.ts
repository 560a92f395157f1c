// Real clients inside the sandbox reach an allowed name only through fence's
// proxy: Node http/https/fetch via the preload, curl and Python via the proxy
// variables. The names resolve nowhere but in the proxy's test host map.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startHttpServer, type RecordingServer } from './helpers/index.js';

const fenceRun = join(__dirname, '..', 'packages/run/bin/fence-run.js');
let http: RecordingServer;
let https: Server | undefined;
let httpsPort = 0;

beforeAll(async () => {
  http = await startHttpServer(0);
  const dir = mkdtempSync(join(tmpdir(), 'fence-tls-'));
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=allowed.test', '-days', '1',
    '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem')], { stdio: 'ignore' });
  if (made.status === 0) {
    https = createHttpsServer({ key: readFileSync(join(dir, 'k.pem')), cert: readFileSync(join(dir, 'c.pem')) }, (_q, r) => r.end('tls-ok'));
    await new Promise<void>((r) => https!.listen(0, '127.0.0.1', r));
    httpsPort = (https.address() as AddressInfo).port;
  }
});
afterAll(async () => {
  await http.close();
  https?.close();
});

// Asynchronous on purpose: the test servers live in this process and must keep answering.
function inSandbox(cmd: string[], allow = ['allowed.test']): Promise<{ stdout: string; stderr: string }> {
  const cwd = mkdtempSync(join(tmpdir(), 'fence-cl-'));
  const args = [fenceRun, ...allow.flatMap((d) => ['--allow-domain', d]), '--', ...cmd];
  const env = { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'fence-cl-home-')), FENCE_TEST_HOSTS: JSON.stringify({ 'allowed.test': '127.0.0.1', 'denied.test': '127.0.0.1' }) };
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd, env, encoding: 'utf8', timeout: 60_000 }, (_e, stdout, stderr) => resolve({ stdout, stderr }));
  });
}

const node = (code: string) => ['node', '-e', code];

describe('inside the sandbox, through the proxy', () => {
  test('Node http.get', async () => {
    const r = await inSandbox(node(`require('http').get('http://allowed.test:${http.port}/payload', (s) => { let b=''; s.on('data', d => b += d); s.on('end', () => console.log(s.statusCode, b.trim())); })`));
    expect(r.stdout).toMatch(/^200 fence-fixture-payload/);
  });

  test('Node fetch (the built-in undici)', async () => {
    const r = await inSandbox(node(`fetch('http://allowed.test:${http.port}/payload').then(r => r.text()).then(t => console.log('ok', t.trim()), e => console.log('fail', e.cause?.message ?? e.message))`));
    expect(r.stdout).toMatch(/^ok fence-fixture-payload/);
  });

  test('Node https.request through CONNECT', async (ctx) => {
    if (!https) ctx.skip();
    const r = await inSandbox(node(`require('https').get({ host: 'allowed.test', port: ${httpsPort}, path: '/', rejectUnauthorized: false }, (s) => { let b=''; s.on('data', d => b += d); s.on('end', () => console.log(b)); }).on('error', e => console.log('fail', e.message))`));
    expect(r.stdout.trim()).toBe('tls-ok');
  });

  test('Python urllib through HTTPS_PROXY', async (ctx) => {
    if (!https || spawnSync('python3', ['-c', 'import urllib.request, ssl']).status !== 0) ctx.skip();
    const py = `import urllib.request, ssl\nprint(urllib.request.urlopen('https://allowed.test:${httpsPort}/', context=ssl._create_unverified_context()).read().decode())`;
    const r = await inSandbox(['python3', '-c', py]);
    expect(r.stdout.trim()).toBe('tls-ok');
  });

  test('curl via socks5h and CONNECT', async () => {
    const socks = await inSandbox(['sh', '-c', `curl -s --socks5-hostname "\${ALL_PROXY#socks5h://}" http://allowed.test:${http.port}/payload`]);
    expect(socks.stdout).toMatch(/fence-fixture-payload/);
    const tunnel = await inSandbox(['curl', '-s', '-p', `http://allowed.test:${http.port}/payload`]);
    expect(tunnel.stdout).toMatch(/fence-fixture-payload/);
  });

  test('a name that is not allowed is refused with the host named; the server sees nothing', async () => {
    const before = http.requests.length;
    const r = await inSandbox(node(`require('http').get('http://denied.test:${http.port}/x', (s) => { let b=''; s.on('data', d => b += d); s.on('end', () => console.log(s.statusCode, b)); })`));
    expect(r.stdout).toMatch(/^403 fence: blocked denied\.test/);
    expect(r.stdout).toMatch(/network\.allowedDomains/);
    expect(http.requests.length).toBe(before);
  });

  test('no direct route and no DNS', async () => {
    const direct = await inSandbox(node(`require('net').connect(${http.port}, '127.0.0.1').on('connect', () => console.log('connected')).on('error', e => console.log(e.code))`));
    expect(direct.stdout.trim()).toBe('ECONNREFUSED');
    const dns = await inSandbox(node(`require('dns').lookup('allowed.test', (e, a) => console.log(e ? 'nodns' : a))`));
    expect(dns.stdout.trim()).toBe('nodns');
  });
});
