import { execFile } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkPolicy } from '../policy/types.js';
import { createProxyServer } from './handle-connection.js';
import { createHostResolver } from './resolver.js';
import type { AllowedEvent, ProxyContext, RefusalEvent } from './types.js';

const testHosts = { 'allowed.test': '127.0.0.1', 'a.wild.test': '127.0.0.1', 'bad.wild.test': '127.0.0.1', 'wild.test': '127.0.0.1', 'port.test': '127.0.0.1' };

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

function policy(p: Partial<NetworkPolicy>): NetworkPolicy {
  return { allowedDomains: [], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false, ...p };
}

function curl(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile('curl', ['-s', '--max-time', '30', '--noproxy', '', ...args], { env: { PATH: process.env.PATH } }, (err, stdout) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, out: stdout });
    });
  });
}

/** Sends bytes, returns everything received until the proxy closes (bounded). */
function exchange(port: number, data: Buffer | string): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const s = net.connect(port, '127.0.0.1', () => s.write(data));
    const guard = setTimeout(() => s.destroy(), 20_000);
    s.on('data', (c) => chunks.push(c));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(guard);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
  });
}

function socksConnect(host: string | Buffer, port: number): Buffer {
  const name = typeof host === 'string' ? Buffer.from(host) : host;
  const p = Buffer.alloc(2);
  p.writeUInt16BE(port);
  return Buffer.concat([Buffer.from([5, 1, 0, 5, 1, 0, 3, name.length]), name, p]);
}

describe('filtering proxy', () => {
  let web: http.Server;
  let webPort: number;
  let proxyPort: number;
  let localPort: number;
  let slowPort: number;
  let chainedPort: number;
  const refusals: RefusalEvent[] = [];
  const allowed: AllowedEvent[] = [];
  const corporate: AllowedEvent[] = [];
  const servers: net.Server[] = [];

  const ctxOf = (p: Partial<NetworkPolicy>, extra: Partial<ProxyContext> = {}): ProxyContext => ({
    policy: policy(p),
    identity: { name: 'dep', version: '1.0.0', event: 'postinstall', kind: 'dependency' },
    resolver: createHostResolver({ testHosts }),
    onRefusal: (ev) => refusals.push(ev),
    onAllowed: (ev) => allowed.push(ev),
    ...extra,
  });

  beforeAll(async () => {
    web = http.createServer((req, res) => res.end(`hello ${req.method} ${req.url} host=${req.headers.host}`));
    webPort = await listen(web);
    const rules = {
      allowedDomains: ['allowed.test', '*.wild.test', `port.test:${webPort}`, 'localhost', 'bücher.test'],
      deniedDomains: ['bad.wild.test'],
    };
    const main = createProxyServer(() => ctxOf(rules));
    const local = createProxyServer(() => ctxOf({ allowedDomains: ['localhost'], allowLocalOutbound: true }));
    const slow = createProxyServer(() => ctxOf(rules, { timeouts: { headerMs: 300 } }));
    const corp = createProxyServer(() => ctxOf({ allowedDomains: ['*'] }, { onAllowed: (ev) => corporate.push(ev) }));
    servers.push(web, main, local, slow, corp);
    proxyPort = await listen(main);
    localPort = await listen(local);
    slowPort = await listen(slow);
    const corpPort = await listen(corp);
    const chained = createProxyServer(() => ctxOf({ ...rules, upstreamProxy: `http://127.0.0.1:${corpPort}` }));
    servers.push(chained);
    chainedPort = await listen(chained);
  });

  afterAll(() => {
    for (const s of servers) s.close();
  });

  it('forwards allowed plain HTTP (absolute URI), CONNECT and SOCKS5', async () => {
    const url = `http://allowed.test:${webPort}/x?y=1`;
    const viaHttp = await curl(['-x', `http://127.0.0.1:${proxyPort}`, url]);
    expect(viaHttp).toEqual({ code: 0, out: `hello GET /x?y=1 host=allowed.test:${webPort}` });
    const viaConnect = await curl(['-p', '-x', `http://127.0.0.1:${proxyPort}`, url]);
    expect(viaConnect.out).toBe(`hello GET /x?y=1 host=allowed.test:${webPort}`);
    const viaSocks = await curl(['--socks5-hostname', `127.0.0.1:${proxyPort}`, url]);
    expect(viaSocks.out).toBe(`hello GET /x?y=1 host=allowed.test:${webPort}`);
    const post = await curl(['-x', `http://127.0.0.1:${proxyPort}`, '-d', 'abc', `http://a.wild.test:${webPort}/p`]);
    expect(post.out).toBe(`hello POST /p host=a.wild.test:${webPort}`);
    expect(allowed.some((e) => e.protocol === 'socks5' && e.host === 'allowed.test')).toBe(true);
  });

  it('refuses unlisted and denied hosts with a 403 that says how to allow them', async () => {
    const r = await curl(['-i', '-x', `http://127.0.0.1:${proxyPort}`, `http://evil.test:${webPort}/`]);
    expect(r.out).toMatch(/^HTTP\/1\.1 403/);
    expect(r.out).toMatch(/X-Fence-Blocked: evil.test/i);
    expect(r.out).toContain(`fence: blocked evil.test:${webPort} (not-allowed). To allow it, add "evil.test" to packages["dep"].network.allowedDomains in fence.json`);
    const denied = await curl(['-i', '-x', `http://127.0.0.1:${proxyPort}`, `http://bad.wild.test:${webPort}/`]);
    expect(denied.out).toMatch(/^HTTP\/1\.1 403/);
    const tunnel = await curl(['-p', '-x', `http://127.0.0.1:${proxyPort}`, `http://evil.test:${webPort}/`]);
    expect(tunnel.code).not.toBe(0);
    const socks = await curl(['--socks5-hostname', `127.0.0.1:${proxyPort}`, `http://evil.test:${webPort}/`]);
    expect(socks.code).not.toBe(0);
    const reasons = refusals.filter((e) => e.host.endsWith('evil.test') || e.host === 'bad.wild.test').map((e) => `${e.protocol}:${e.host}:${e.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['http:evil.test:not-allowed', 'http:bad.wild.test:denied', 'connect:evil.test:not-allowed', 'socks5:evil.test:not-allowed']));
  });

  it('applies wildcard (not the apex), port rules, trailing dot and IDN', async () => {
    const via = ['-x', `http://127.0.0.1:${proxyPort}`];
    expect((await curl([...via, `http://wild.test:${webPort}/`])).out).toContain('(not-allowed)');
    expect((await curl([...via, `http://port.test:${webPort}/`])).out).toContain('hello');
    expect((await curl([...via, `http://port.test:${webPort + 1}/`])).out).toContain('(not-allowed)');
    const dot = await exchange(proxyPort, `CONNECT allowed.test.:${webPort} HTTP/1.1\r\n\r\nGET / HTTP/1.0\r\n\r\n`);
    expect(dot).toMatch(/^HTTP\/1\.1 200 Connection Established[\s\S]*hello GET \//);
    // Allowed by the rule (punycode on both sides), then refused only because it does not resolve.
    const idn = await exchange(proxyPort, socksConnect('BÜCHER.test', webPort));
    expect(idn.slice(2, 4)).toBe('\x05\x04');
    expect(refusals).toContainEqual({ protocol: 'socks5', host: 'xn--bcher-kva.test', port: webPort, reason: 'dns' });
  });

  it('refuses every spelling of a loopback or metadata IP literal', async () => {
    const spellings = ['127.0.0.1', '127.1', '0x7f.0.0.1', '0177.0.0.1', '2130706433', '0x7f000001', '127.0.0.1.', '[::1]',
      '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '[0:0:0:0:0:0:0:1]', '169.254.169.254', '0', '[::]'];
    for (const host of spellings) {
      const connect = await exchange(proxyPort, `CONNECT ${host}:${webPort} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(connect, host).toMatch(/^HTTP\/1\.1 403[\s\S]*\((ip-literal|bad-host)\)/);
      const get = await exchange(proxyPort, `GET http://${host}:${webPort}/ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
      expect(get, host).toMatch(/^HTTP\/1\.1 (403|400)/);
      const socks = await exchange(proxyPort, socksConnect(host.replace(/^\[|\]$/g, ''), webPort));
      expect(socks.charCodeAt(3), host).not.toBe(0x00);
      expect(socks.slice(2, 4), host).toMatch(/^\x05[\x02\x04\x08]/);
    }
    const v4 = Buffer.from([5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, webPort >> 8, webPort & 255]);
    expect((await exchange(proxyPort, v4)).slice(2, 4)).toBe('\x05\x02');
    const v6 = Buffer.concat([Buffer.from([5, 1, 0, 5, 1, 0, 4]), Buffer.alloc(15), Buffer.from([1, webPort >> 8, webPort & 255])]);
    expect((await exchange(proxyPort, v6)).slice(2, 4)).toBe('\x05\x02');
  });

  it('refuses a name that resolves to loopback unless allowLocalOutbound', async () => {
    const r = await curl(['-x', `http://127.0.0.1:${proxyPort}`, `http://localhost:${webPort}/`]);
    expect(r.out).toContain('(local-address)');
    const ok = await curl(['-x', `http://127.0.0.1:${localPort}`, `http://localhost:${webPort}/`]);
    expect(ok.out).toContain('hello');
  });

  it('refuses unknown names with reason dns (SOCKS: host unreachable)', async () => {
    const socks = await exchange(proxyPort, socksConnect('nowhere.invalid', 80));
    expect(socks.slice(2, 4)).toBe('\x05\x02'); // not allowed comes before resolution
    const r = await exchange(proxyPort, socksConnect('x.wild.test', 80));
    expect(r.slice(2, 4)).toBe('\x05\x04');
  });

  it('sends allowed traffic through network.upstreamProxy', async () => {
    const url = `http://allowed.test:${webPort}/up`;
    expect((await curl(['-x', `http://127.0.0.1:${chainedPort}`, url])).out).toBe(`hello GET /up host=allowed.test:${webPort}`);
    expect((await curl(['-p', '-x', `http://127.0.0.1:${chainedPort}`, url])).out).toBe(`hello GET /up host=allowed.test:${webPort}`);
    expect((await curl(['--socks5-hostname', `127.0.0.1:${chainedPort}`, url])).out).toBe(`hello GET /up host=allowed.test:${webPort}`);
    expect(corporate.filter((e) => e.host === 'allowed.test').length).toBe(3);
    expect((await curl(['-x', `http://127.0.0.1:${chainedPort}`, `http://evil.test:${webPort}/`])).out).toContain('(not-allowed)');
  });

  it('judges each request of a keep-alive connection and rewrites Host', async () => {
    const both = await exchange(
      proxyPort,
      `GET http://allowed.test:${webPort}/1 HTTP/1.1\r\nHost: evil.test\r\n\r\n` +
        `GET http://evil.test:${webPort}/2 HTTP/1.1\r\nHost: allowed.test\r\n\r\n` +
        `GET http://a.wild.test:${webPort}/3 HTTP/1.1\r\nConnection: close\r\n\r\n`,
    );
    expect(both).toContain(`hello GET /1 host=allowed.test:${webPort}`);
    expect(both).toContain('fence: blocked evil.test');
    expect(both).toContain(`hello GET /3 host=a.wild.test:${webPort}`);
  });

  it('drops slow clients after the header timeout, but not idle tunnels', async () => {
    expect(await exchange(slowPort, 'GET http://allowed.test/ HTTP/1.1\r\nX: y\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await exchange(slowPort, 'G')).toMatch(/^HTTP\/1\.1 400/);
    expect(await exchange(slowPort, Buffer.from([5, 1]))).toBe('');
    const tunnel = net.connect(slowPort, '127.0.0.1');
    tunnel.on('error', () => undefined);
    let got = '';
    tunnel.on('data', (d) => (got += d));
    tunnel.write(`CONNECT allowed.test:${webPort} HTTP/1.1\r\n\r\n`);
    // Idle for several header timeouts, then use the tunnel.
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 100));
    tunnel.end('GET /late HTTP/1.0\r\n\r\n');
    await new Promise((r) => tunnel.once('close', r));
    expect(got).toMatch(/^HTTP\/1\.1 200 Connection Established[\s\S]*hello GET \/late/);
  });

  it('answers malformed requests with 400/431 or a close', async () => {
    expect(await exchange(proxyPort, 'BLAH\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await exchange(proxyPort, `GET http://allowed.test/ HTTP/1.1\r\nX: ${'a'.repeat(20_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431/);
    expect(await exchange(proxyPort, 'CONNECT allowed.test HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await exchange(proxyPort, 'CONNECT allowed.test:0 HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 403[\s\S]*bad-port/);
    expect(await exchange(proxyPort, 'CONNECT allowed.test:70000 HTTP/1.1\r\n\r\n')).toMatch(/^HTTP\/1\.1 403[\s\S]*bad-port/);
    expect(await exchange(proxyPort, 'GET /relative HTTP/1.1\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    // Zero-length domain: address type refused. Wrong version in the request: closed.
    expect(await exchange(proxyPort, Buffer.from([5, 1, 0, 5, 1, 0, 3, 0, 0, 80]))).toBe('\x05\x00\x05\x08\x00\x01\x00\x00\x00\x00\x00\x00');
    expect(await exchange(proxyPort, Buffer.from([5, 1, 0, 4, 1, 0, 3, 0, 0, 80]))).toBe('\x05\x00');
    expect(await exchange(proxyPort, Buffer.from([5, 0]))).toBe('');
    expect(await exchange(proxyPort, Buffer.from([5, 1, 2]))).toBe('\x05\xff');
    expect(await exchange(proxyPort, Buffer.from([5, 1, 0, 5, 2, 0, 1, 1, 2, 3, 4, 0, 80]))).toBe('\x05\x00\x05\x07\x00\x01\x00\x00\x00\x00\x00\x00');
  });
});
