import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForwardProxy, type ForwardProxy } from './forward-proxy.test-helper.js';
import { ensureBundle, runNode } from './run-node.test-helper.js';
import { startHttpTarget, startTlsTarget, type Target } from './target-servers.test-helper.js';

// Children reach `target.test` / `tls.test`, names only the test proxy resolves: an answer proves the proxy was used.
const CLIENT = `
const http = require('node:http');
const https = require('node:https');
const { HTTP_PORT, TLS_PORT } = process.env;
function body(res) {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (d) => (text += d));
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}
const cases = {
  'http.get': () => new Promise((resolve, reject) =>
    http.get('http://target.test:' + HTTP_PORT + '/get', (res) => body(res).then(resolve, reject)).on('error', reject)),
  'early-captured get': () => new Promise((resolve, reject) => {
    const { get } = http; // captured before any network use
    get({ host: 'target.test', port: HTTP_PORT, path: '/early' }, (res) => body(res).then(resolve, reject)).on('error', reject);
  }),
  'explicit agent': () => new Promise((resolve, reject) =>
    http.request({ host: 'target.test', port: HTTP_PORT, path: '/agent', agent: new http.Agent() },
      (res) => body(res).then(resolve, reject)).on('error', reject).end()),
  'https.request': () => new Promise((resolve, reject) =>
    https.request('https://tls.test:' + TLS_PORT + '/tls', (res) => body(res).then(resolve, reject)).on('error', reject).end()),
  'fetch http': () => fetch('http://target.test:' + HTTP_PORT + '/fetch').then((r) => r.text()),
  'fetch https': () => fetch('https://tls.test:' + TLS_PORT + '/fetch-tls').then((r) => r.text()),
};
cases[process.argv[2]]().then(
  (text) => { console.log('OK ' + text); process.exit(0); },
  (error) => { console.log('FAIL ' + (error && error.cause ? error.cause.code || error.cause.message : error && (error.code || error.message))); process.exit(1); });
`;

const ESM_CLIENT = `
import { get } from 'node:http';
import https from 'node:https';
const { HTTP_PORT } = process.env;
const viaHttp = await new Promise((resolve, reject) => get('http://target.test:' + HTTP_PORT + '/esm', (res) => {
  let t = ''; res.on('data', (d) => (t += d)); res.on('end', () => resolve(t));
}).on('error', reject));
console.log('OK ' + viaHttp + ' ' + (typeof https.request));
process.exit(0);
`;

let proxy: ForwardProxy;
let web: Target;
let tls: Target | undefined;
let noTlsReason = '';
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'fence-hooks-'));
  writeFileSync(join(dir, 'client.cjs'), CLIENT);
  writeFileSync(join(dir, 'client.mjs'), ESM_CLIENT);
  proxy = await startForwardProxy({ 'target.test': '127.0.0.1', 'tls.test': '127.0.0.1' });
  web = await startHttpTarget();
  const made = startTlsTarget(dir);
  if (typeof made === 'string') noTlsReason = made;
  else tls = await made;
  env = {
    FENCE_SANDBOX_PROXY: proxy.url,
    HTTP_PROXY: proxy.url,
    HTTPS_PROXY: proxy.url,
    HTTP_PORT: String(web.port),
    TLS_PORT: String(tls?.port ?? 0),
    NODE_TLS_REJECT_UNAUTHORIZED: '0',
    // A user NO_PROXY must not open a way around the proxy: only FENCE_SANDBOX_NO_PROXY counts.
    NO_PROXY: 'target.test,tls.test',
  };
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await web?.close();
  await tls?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const run = (kase: string) => runNode([join(dir, 'client.cjs'), kase], env);

describe('preload routes Node networking through the sandbox proxy', () => {
  it('http.get uses the proxy with an absolute-URI request', async () => {
    const out = await run('http.get');
    expect(out.stdout.trim(), out.stderr).toBe('OK http /get');
    expect(proxy.log).toContain(`GET http://target.test:${web.port}/get`);
  });

  it('a get captured before the first network use still routes', async () => {
    const out = await run('early-captured get');
    expect(out.stdout.trim(), out.stderr).toBe('OK http /early');
  });

  it('an explicitly passed http.Agent is routed too (forceGlobalAgent)', async () => {
    const out = await run('explicit agent');
    expect(out.stdout.trim(), out.stderr).toBe('OK http /agent');
  });

  it('global fetch of an http:// URL tunnels with CONNECT', async () => {
    const out = await run('fetch http');
    expect(out.stdout.trim(), out.stderr).toBe('OK http /fetch');
    expect(proxy.log).toContain(`CONNECT target.test:${web.port}`);
  });

  it('https.request tunnels with CONNECT', async (ctx) => {
    if (!tls) ctx.skip(noTlsReason);
    const out = await run('https.request');
    expect(out.stdout.trim(), out.stderr).toBe('OK https /tls');
    expect(proxy.log).toContain(`CONNECT tls.test:${tls?.port}`);
  });

  it('global fetch of an https:// URL tunnels with CONNECT', async (ctx) => {
    if (!tls) ctx.skip(noTlsReason);
    const out = await run('fetch https');
    expect(out.stdout.trim(), out.stderr).toBe('OK https /fetch-tls');
  });

  it('an ES module importing node:http routes too', async () => {
    const out = await runNode([join(dir, 'client.mjs')], env);
    expect(out.stdout.trim(), out.stderr).toBe('OK http /esm function');
  });

  it('without FENCE_SANDBOX_PROXY it does nothing', async () => {
    const { FENCE_SANDBOX_PROXY: _omit, ...plain } = env;
    const out = await runNode([join(dir, 'client.cjs'), 'http.get'], { ...plain, FENCE_PRELOAD_DEBUG: '1' });
    expect(out.stdout.trim()).toMatch(/^FAIL /);
    expect(out.stderr).not.toContain('fence-preload');
  });
});
