import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyServer } from './handle-connection.js';
import { createHostResolver } from './resolver.js';
import type { ProxyContext } from './types.js';

const BANNER = 'SSH-2.0-fence-test\r\n';
const BIG = randomBytes(20 * 1024 * 1024);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

/** Reads from `socket` until `until` finds where a head ends (-1: not yet); resolves with the head and what followed. */
function readHead(socket: net.Socket, until: (got: Buffer) => number): Promise<{ head: Buffer; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let got = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      got = Buffer.concat([got, d]);
      const end = until(got);
      if (end < 0) return;
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      socket.pause();
      resolve({ head: got.subarray(0, end), rest: got.subarray(end) });
    };
    const onEnd = () => reject(new Error(`closed after ${JSON.stringify(got.toString('latin1'))}`));
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.resume();
  });
}

const httpHeadEnd = (b: Buffer) => {
  const i = b.indexOf('\r\n\r\n');
  return i < 0 ? -1 : i + 4;
};

type Via = 'connect' | 'socks5';

/** A client socket tunnelled to `127.0.0.1:port` (as `host`) through the proxy; `rest` came with the proxy's answer. */
async function tunnel(proxyPort: number, via: Via, host: string, port: number): Promise<{ socket: net.Socket; rest: Buffer }> {
  const socket = net.connect({ port: proxyPort, host: '127.0.0.1', allowHalfOpen: true });
  socket.on('error', () => undefined);
  await new Promise((r) => socket.once('connect', r));
  if (via === 'connect') {
    socket.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n\r\n`);
    const { head, rest } = await readHead(socket, httpHeadEnd);
    expect(head.toString('latin1')).toMatch(/^HTTP\/1\.1 200 /);
    return { socket, rest };
  }
  const p = Buffer.alloc(2);
  p.writeUInt16BE(port);
  socket.write(Buffer.concat([Buffer.from([5, 1, 0, 5, 1, 0, 3, host.length]), Buffer.from(host), p]));
  const { head, rest } = await readHead(socket, (b) => (b.length >= 12 ? 12 : -1));
  expect([...head.subarray(0, 4)]).toEqual([5, 0, 5, 0]);
  return { socket, rest };
}

/** Everything `socket` sends until its end; with `slow`, the reader stalls now and then (backpressure). */
function readAll(socket: net.Socket, first: Buffer, slow = false): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks = [first];
    let sinceStall = 0;
    socket.on('data', (d: Buffer) => {
      chunks.push(d);
      sinceStall += d.length;
      if (slow && sinceStall > 1024 * 1024) {
        sinceStall = 0;
        socket.pause();
        setTimeout(() => socket.resume(), 15);
      }
    });
    socket.once('end', () => resolve(Buffer.concat(chunks)));
    socket.resume();
  });
}

/** Whatever a server connection receives until the client half-closes. */
function received(s: net.Socket): Promise<Buffer> {
  const chunks: Buffer[] = [];
  s.on('data', (d: Buffer) => chunks.push(d));
  return new Promise((resolve) => s.once('end', () => resolve(Buffer.concat(chunks))));
}

function curl(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile('curl', ['-s', '--max-time', '30', '--noproxy', '', ...args], { env: { PATH: process.env.PATH } }, (_err, stdout) => resolve(stdout));
  });
}

describe('proxy relay', () => {
  let proxyPort: number;
  let chainedPort: number;
  let bannerPort: number;
  let bulkPort: number;
  let sinkPort: number;
  let closerPort: number;
  let eagerHttpPort: number;
  let distinctPort: number;
  const closerGot: Promise<Buffer>[] = [];
  const servers: net.Server[] = [];

  beforeAll(async () => {
    // Speaks first (like SSH), then echoes until the client half-closes.
    const banner = net.createServer({ allowHalfOpen: true }, (s) => {
      s.on('error', () => undefined);
      s.write(BANNER);
      s.pipe(s);
    });
    // Sends BIG at once, then closes.
    const bulk = net.createServer((s) => {
      s.on('error', () => undefined);
      s.end(BIG);
    });
    // Reads until the client half-closes, then answers with the size and hash of what came.
    const sink = net.createServer({ allowHalfOpen: true }, (s) => {
      s.on('error', () => undefined);
      void received(s).then((got) => s.end(`${got.length} ${sha(got)}`));
    });
    // Half-closes first, then still listens until the client ends.
    const closer = net.createServer({ allowHalfOpen: true }, (s) => {
      s.on('error', () => undefined);
      closerGot.push(received(s));
      s.end('bye from upstream');
    });
    // Sends 100 KB of its own, then closes: each connection gets different bytes.
    const distinct = net.createServer((s) => {
      s.on('error', () => undefined);
      const body = randomBytes(100_000);
      s.end(Buffer.concat([Buffer.from(`${sha(body)}\n`), body]));
    });
    // An HTTP server that answers before it is asked (so the answer can travel with a proxy's reply).
    const eagerHttp = net.createServer((s) => {
      s.on('error', () => undefined);
      s.write('HTTP/1.1 200 OK\r\nContent-Length: 11\r\nConnection: close\r\n\r\nearly hello');
      s.on('data', () => undefined);
      s.on('end', () => s.end());
    });
    // A corporate proxy that waits for the target's first bytes and sends them in the same write as its 200.
    const corporate = net.createServer({ allowHalfOpen: true }, (client) => {
      client.on('error', () => undefined);
      void readHead(client, httpHeadEnd).then(({ head, rest }) => {
        const [, target] = /^CONNECT (\S+) /.exec(head.toString('latin1')) ?? [];
        const [host, port] = (target ?? '').split(':');
        // It resolves names itself; relay.test is ours.
        const up = net.connect({ port: Number(port), host: host === 'relay.test' ? '127.0.0.1' : host, allowHalfOpen: true });
        up.on('error', () => client.destroy());
        up.once('data', (first: Buffer) => {
          up.pause();
          client.write(Buffer.concat([Buffer.from('HTTP/1.1 200 Connection established\r\n\r\n'), first]));
          if (rest.length > 0) up.write(rest);
          client.pipe(up);
          up.pipe(client);
          client.resume();
        });
      });
    });
    servers.push(banner, bulk, sink, closer, distinct, eagerHttp, corporate);
    bannerPort = await listen(banner);
    bulkPort = await listen(bulk);
    sinkPort = await listen(sink);
    closerPort = await listen(closer);
    distinctPort = await listen(distinct);
    eagerHttpPort = await listen(eagerHttp);
    const corporatePort = await listen(corporate);
    const ctx = (upstreamProxy?: string): ProxyContext => ({
      policy: { allowedDomains: ['relay.test'], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false, ...(upstreamProxy ? { upstreamProxy } : {}) },
      resolver: createHostResolver({ testHosts: { 'relay.test': '127.0.0.1' } }),
      onRefusal: () => undefined,
    });
    const direct = createProxyServer(() => ctx());
    const chained = createProxyServer(() => ctx(`http://127.0.0.1:${corporatePort}`));
    servers.push(direct, chained);
    proxyPort = await listen(direct);
    chainedPort = await listen(chained);
  });

  afterAll(() => {
    for (const s of servers) s.close();
  });

  /** The client says nothing until it has the banner, then checks the echo and the close. */
  async function bannerThrough(port: number, via: Via): Promise<void> {
    const { socket, rest } = await tunnel(port, via, 'relay.test', bannerPort);
    const missing = BANNER.length - rest.length;
    const more = missing > 0 ? (await readHead(socket, (b) => (b.length >= missing ? b.length : -1))).head : Buffer.alloc(0);
    expect(Buffer.concat([rest, more]).toString('latin1')).toBe(BANNER);
    socket.end('ping');
    expect((await readAll(socket, Buffer.alloc(0))).toString('latin1')).toBe('ping');
  }

  it('passes on the banner of a server that speaks first, through CONNECT and SOCKS5', async () => {
    await bannerThrough(proxyPort, 'connect');
    await bannerThrough(proxyPort, 'socks5');
  });

  it('delivers the bytes that came with an upstream proxy 200 reply (CONNECT, SOCKS5, plain HTTP)', async () => {
    await bannerThrough(chainedPort, 'connect');
    await bannerThrough(chainedPort, 'socks5');
    expect(await curl(['-x', `http://127.0.0.1:${chainedPort}`, `http://relay.test:${eagerHttpPort}/`])).toBe('early hello');
  });

  it.each<Via>(['connect', 'socks5'])('relays 20 MB byte-exact to a slow reader and from a fast writer (%s)', async (via) => {
    const down = await tunnel(proxyPort, via, 'relay.test', bulkPort);
    const got = await readAll(down.socket, down.rest, true);
    expect(got.length).toBe(BIG.length);
    expect(sha(got)).toBe(sha(BIG));
    const up = await tunnel(proxyPort, via, 'relay.test', sinkPort);
    up.socket.end(BIG);
    expect((await readAll(up.socket, up.rest)).toString('latin1')).toBe(`${BIG.length} ${sha(BIG)}`);
  }, 60_000);

  it('keeps connections apart while their read buffers are reused', async () => {
    const fetchOne = async (via: Via) => {
      const t = await tunnel(proxyPort, via, 'relay.test', distinctPort);
      const got = await readAll(t.socket, t.rest);
      const nl = got.indexOf('\n');
      expect(sha(got.subarray(nl + 1))).toBe(got.subarray(0, nl).toString('latin1'));
    };
    for (let i = 0; i < 20; i++) await fetchOne(i % 2 ? 'connect' : 'socks5');
    await Promise.all(Array.from({ length: 40 }, (_, i) => fetchOne(i % 2 ? 'connect' : 'socks5')));
  });

  it('passes a half-close on in both directions', async () => {
    // Client first: the upstream sees the end, and its answer still comes back.
    const first = await tunnel(proxyPort, 'connect', 'relay.test', sinkPort);
    first.socket.end('half');
    expect((await readAll(first.socket, first.rest)).toString('latin1')).toBe(`4 ${sha(Buffer.from('half'))}`);
    // Upstream first: the client sees the end and may still send.
    const second = await tunnel(proxyPort, 'socks5', 'relay.test', closerPort);
    const closed = new Promise((r) => second.socket.once('close', r));
    expect((await readAll(second.socket, second.rest)).toString('latin1')).toBe('bye from upstream');
    await sleep(20);
    second.socket.end('still talking');
    expect((await closerGot[0])?.toString('latin1')).toBe('still talking');
    await closed;
  });
});
