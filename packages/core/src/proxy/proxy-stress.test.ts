import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyServer } from './handle-connection.js';
import { createHostResolver } from './resolver.js';
import type { ProxyContext } from './types.js';

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

/** Sends bytes (optionally half-closing), resolves with what came back once the socket closes. */
function exchange(port: number, data: Buffer | string, halfClose: boolean): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const s = net.connect(port, '127.0.0.1', () => {
      s.write(data);
      if (halfClose) s.end();
    });
    const guard = setTimeout(() => s.destroy(), 20_000);
    s.on('data', (c) => chunks.push(c));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(guard);
      resolve(Buffer.concat(chunks));
    });
  });
}

/** Runs `count` jobs with at most `width` in flight. */
async function bounded(count: number, width: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await job(next++);
    }),
  );
}

function malformed(i: number, port: number): Buffer | string {
  const r = randomBytes(64);
  switch (i % 10) {
    case 0: return randomBytes(1 + (r[0]! % 200));
    case 1: return Buffer.concat([Buffer.from([5]), randomBytes(r[0]! % 12)]); // truncated / random SOCKS
    case 2: return Buffer.from([5, 1, 0, 5, r[1]!, 0, 3, r[2]!, ...randomBytes(r[3]! % 40)]);
    case 3: return `GET http://allowed.test/ HTTP/1.1\r\n${'X-Big: '.padEnd(17_000 + (r[0]! % 4000), 'a')}\r\n\r\n`;
    case 4: return `${randomBytes(8).toString('latin1')} http://allowed.test:${port}/ HTTP/1.1\r\n\r\n`;
    case 5: return `CONNECT ${randomBytes(6).toString('hex')}:${r[0]! * 300} HTTP/1.1\r\n\r\n`;
    case 6: return `GET http://[${randomBytes(4).toString('hex')}/ HTTP/1.1\r\n\r\n`;
    case 7: return 'GET http://allowed.test/ HTTP/1.1\r\n' + 'A: b\r\n'.repeat(3000);
    case 8: return `CONNECT allowed.test:${port} HTTP/1.1\r\nContent-Length: -1\r\n\r\n${randomBytes(20).toString('latin1')}`;
    default: return Buffer.from([5, 1, 0, 5, 1, 0, 1 + (r[0]! % 5), ...randomBytes(r[1]! % 30)]);
  }
}

describe('proxy under load and abuse', () => {
  let echoPort: number;
  let proxyPort: number;
  const servers: net.Server[] = [];

  beforeAll(async () => {
    const echo = net.createServer((s) => {
      s.on('error', () => undefined);
      s.pipe(s);
    });
    const ctx: ProxyContext = {
      policy: { allowedDomains: ['allowed.test'], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false },
      resolver: createHostResolver({ testHosts: { 'allowed.test': '127.0.0.1' } }),
      onRefusal: () => undefined,
      timeouts: { headerMs: 1000 },
    };
    const proxy = createProxyServer(() => ctx);
    servers.push(echo, proxy);
    echoPort = await listen(echo);
    proxyPort = await listen(proxy);
  });

  afterAll(() => {
    for (const s of servers) s.close();
  });

  async function tunnelEcho(payload: string): Promise<string> {
    const reply = await exchange(proxyPort, `CONNECT allowed.test:${echoPort} HTTP/1.1\r\n\r\n${payload}`, true);
    return reply.toString('latin1');
  }

  it('serves 500 concurrent tunnels', async () => {
    const results = await Promise.all(Array.from({ length: 500 }, (_, i) => tunnelEcho(`ping-${i}`)));
    results.forEach((r, i) => expect(r).toBe(`HTTP/1.1 200 Connection Established\r\n\r\nping-${i}`));
  }, 120_000);

  it('survives 10 000 malformed inputs and still serves a good request', async () => {
    let answered = 0;
    await bounded(10_000, 64, async (i) => {
      // Most clients half-close; a few just stall and meet the header timeout.
      await exchange(proxyPort, malformed(i, echoPort), i % 50 !== 0);
      answered++;
    });
    expect(answered).toBe(10_000);
    expect(await tunnelEcho('still alive')).toBe('HTTP/1.1 200 Connection Established\r\n\r\nstill alive');
  }, 300_000);
});
