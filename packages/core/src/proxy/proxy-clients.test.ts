import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ProxyAgent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyServer } from './handle-connection.js';
import { createHostResolver } from './resolver.js';
import type { RefusalEvent } from './types.js';

/** The HTTP clients sandboxed Node code uses: undici (tunnels even http:// with CONNECT) and plain http.request. */
describe('proxy with real Node clients', () => {
  let web: http.Server;
  let tls: https.Server;
  let proxy: net.Server;
  let webPort: number;
  let tlsPort: number;
  let ca: Buffer;
  const certDir = mkdtempSync(path.join(tmpdir(), 'fence-cert-'));
  let proxyUrl: string;
  const refusals: RefusalEvent[] = [];

  beforeAll(async () => {
    web = http.createServer((req, res) => res.end(`hello ${req.url}`));
    proxy = createProxyServer(() => ({
      policy: { allowedDomains: ['allowed.test'], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false },
      resolver: createHostResolver({ testHosts: { 'allowed.test': '127.0.0.1' } }),
      onRefusal: (ev) => refusals.push(ev),
    }));
    // A self-signed certificate for allowed.test, made here so nothing secret lives in the repo.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=allowed.test',
      '-addext', 'subjectAltName=DNS:allowed.test', '-keyout', path.join(certDir, 'key.pem'), '-out', path.join(certDir, 'cert.pem')], { stdio: 'ignore' });
    ca = readFileSync(path.join(certDir, 'cert.pem'));
    tls = https.createServer({ key: readFileSync(path.join(certDir, 'key.pem')), cert: ca }, (req, res) => res.end(`secure ${req.url}`));
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', () => r()));
    tlsPort = (tls.address() as net.AddressInfo).port;
    await new Promise<void>((r) => web.listen(0, '127.0.0.1', () => r()));
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
    webPort = (web.address() as net.AddressInfo).port;
    proxyUrl = `http://127.0.0.1:${(proxy.address() as net.AddressInfo).port}`;
  });

  afterAll(() => {
    rmSync(certDir, { recursive: true, force: true });
    tls.close();
    web.close();
    proxy.close();
  });

  it('undici ProxyAgent reaches an allowed http:// host through CONNECT and fails cleanly on a refused one', async () => {
    const dispatcher = new ProxyAgent(proxyUrl);
    const ok = await request(`http://allowed.test:${webPort}/u`, { dispatcher });
    expect(await ok.body.text()).toBe('hello /u');
    await expect(request(`http://evil.test:${webPort}/`, { dispatcher })).rejects.toThrow(/403/);
    await dispatcher.close();
    expect(refusals).toContainEqual({ protocol: 'connect', host: 'evil.test', port: webPort, reason: 'not-allowed' });
  });

  it('HTTPS goes through a CONNECT tunnel end to end (TLS is not touched by the proxy)', async () => {
    const dispatcher = new ProxyAgent({ uri: proxyUrl, requestTls: { ca } });
    const ok = await request(`https://allowed.test:${tlsPort}/s`, { dispatcher });
    expect(await ok.body.text()).toBe('secure /s');
    await dispatcher.close();
  });

  it('http.request with an absolute URI (as global-agent sends it) is forwarded or refused with 403', async () => {
    const get = (host: string) =>
      new Promise<{ status: number; body: string; blocked?: string }>((resolve, reject) => {
        const { hostname, port } = new URL(proxyUrl);
        const req = http.request({ host: hostname, port, path: `http://${host}:${webPort}/g`, headers: { host: `${host}:${webPort}` } }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body, blocked: res.headers['x-fence-blocked'] as string | undefined }));
        });
        req.on('error', reject);
        req.end();
      });
    expect(await get('allowed.test')).toEqual({ status: 200, body: 'hello /g', blocked: undefined });
    const refused = await get('evil.test');
    expect(refused.status).toBe(403);
    expect(refused.blocked).toBe('evil.test');
    expect(refused.body).toBe(`fence: blocked evil.test:${webPort} (not-allowed). To allow it, add "evil.test" to network.allowedDomains in fence.json\n`);
  });
});
