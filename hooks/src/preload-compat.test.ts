import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startForwardProxy, type ForwardProxy } from './forward-proxy.test-helper.js';
import { ensureBundle, runNode } from './run-node.test-helper.js';
import { startHttpTarget, type Target } from './target-servers.test-helper.js';

// The undici package a program might bring itself (the same one net.cjs bundles).
const undiciPath = createRequire(import.meta.url).resolve('undici');

let proxy: ForwardProxy;
let web: Target;
let env: Record<string, string>;

beforeAll(async () => {
  ensureBundle();
  proxy = await startForwardProxy({ 'target.test': '127.0.0.1' });
  web = await startHttpTarget();
  env = { FENCE_SANDBOX_PROXY: proxy.url, HTTP_PORT: String(web.port), FENCE_PRELOAD_DEBUG: '1' };
}, 120_000);

afterAll(async () => {
  await proxy?.close();
  await web?.close();
});

const GET = `(url) => new Promise((resolve, reject) => require('node:http').get(url, (res) => {
  let t = ''; res.on('data', (d) => (t += d)); res.on('end', () => resolve(t)); }).on('error', reject))`;
const finish = `.then((t) => { console.log('OK ' + t); process.exit(0); }, (e) => { console.log('FAIL ' + (e.cause?.code ?? e.code ?? e.message)); process.exit(1); })`;

describe('preload start-up cost and compatibility', () => {
  it('`node -e 0` works and loads neither http, global-agent nor undici', async () => {
    const out = await runNode(['-e', '0'], env);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain('preload installed');
    expect(out.stderr).not.toContain('loading net.cjs');
    const probe = await runNode(['-e', `console.log(JSON.stringify({
      cache: Object.keys(require.cache).map((p) => require('node:path').basename(p)),
      http: process.moduleLoadList.includes('NativeModule http'),
      https: process.moduleLoadList.includes('NativeModule https'),
      globalAgent: 'GLOBAL_AGENT' in globalThis,
      undici: process.moduleLoadList.some((m) => m.includes('undici')),
    }))`], env);
    expect(JSON.parse(probe.stdout)).toEqual({ cache: ['preload.cjs'], http: false, https: false, globalAgent: false, undici: false });
  });

  it('a worker thread routes through the proxy', async () => {
    const code = `const { Worker } = require('node:worker_threads');
      const w = new Worker(\`const get = ${GET}; get('http://target.test:' + process.env.HTTP_PORT + '/worker')
        .then((t) => require('node:worker_threads').parentPort.postMessage('OK ' + t), (e) => require('node:worker_threads').parentPort.postMessage('FAIL ' + e.code))\`, { eval: true });
      w.on('message', (m) => { console.log(m); process.exit(0); });`;
    const out = await runNode(['-e', code], env);
    expect(out.stdout.trim(), out.stderr).toBe('OK http /worker');
  });

  it('a child node process inherits the preload through NODE_OPTIONS', async () => {
    const child = `fetch('http://target.test:' + process.env.HTTP_PORT + '/child').then((r) => r.text())${finish}`;
    const code = `const r = require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(child)}], { encoding: 'utf8' });
      process.stdout.write(r.stdout);`;
    const out = await runNode(['-e', code], env);
    expect(out.stdout.trim(), out.stderr).toBe('OK http /child');
  });

  it('a dispatcher the program sets itself is left alone', async () => {
    // Its own Agent goes direct to 127.0.0.1, which the test proxy would refuse (502): success proves ours gave way.
    // (Loading undici reads the global dispatcher, which activates us first; the program's set then replaces ours.)
    const code = `const { setGlobalDispatcher, Agent } = require(${JSON.stringify(undiciPath)});
      setGlobalDispatcher(new Agent());
      fetch('http://127.0.0.1:' + process.env.HTTP_PORT + '/own').then((r) => r.text())${finish}`;
    const out = await runNode(['-e', code], env);
    expect(out.stdout.trim(), out.stderr).toBe('OK http /own');
    expect(out.stderr).toContain('first network use (global dispatcher)');
  });

  it('a later wrapper of http.get (as nock or an APM would add) still routes, without looping', async () => {
    const code = `const http = require('node:http'); const before = http.get; let seen = 0;
      http.get = function (...args) { seen++; return before.apply(this, args); };
      (${GET})('http://target.test:' + process.env.HTTP_PORT + '/wrapped').then((t) => t + ' ' + seen)${finish}`;
    const out = await runNode(['-e', code], env);
    expect(out.stdout.trim(), out.stderr).toBe('OK http /wrapped 1');
  });

  it('FENCE_SANDBOX_NO_PROXY sends the named hosts direct', async () => {
    const code = `(${GET})('http://127.0.0.1:' + process.env.HTTP_PORT + '/direct')
      .then((t) => fetch('http://127.0.0.1:' + process.env.HTTP_PORT + '/direct-fetch').then((r) => r.text()).then((f) => t + ' ' + f))${finish}`;
    const out = await runNode(['-e', code], { ...env, FENCE_SANDBOX_NO_PROXY: '127.0.0.1' });
    expect(out.stdout.trim(), out.stderr).toBe('OK http /direct http /direct-fetch');
  });

  it('a plain NO_PROXY is ignored: the request still goes to the proxy', async () => {
    const code = `(${GET})('http://127.0.0.1:' + process.env.HTTP_PORT + '/no-proxy')${finish}`;
    const out = await runNode(['-e', code], { ...env, NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' });
    // The test proxy knows only *.test names and answers 502 with an empty body.
    expect(out.stdout.trim(), out.stderr).toBe('OK');
    expect(proxy.log).toContain(`GET http://127.0.0.1:${web.port}/no-proxy`);
  });
});
