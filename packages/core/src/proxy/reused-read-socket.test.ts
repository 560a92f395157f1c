import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectReusedRead, type ChunkSink } from './reused-read-socket.js';

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A sink that copies what it gets (chunks view a reused buffer) and can be told to refuse more. */
function copyingSink(): ChunkSink & { text(): string; refuse: boolean } {
  const got: Buffer[] = [];
  return {
    refuse: false,
    write(chunk) {
      got.push(Buffer.from(chunk));
      return !this.refuse;
    },
    text: () => Buffer.concat(got).toString('latin1'),
  };
}

describe('socket reading into a reused buffer', () => {
  let bannerPort: number;
  let pacedPort: number;
  const servers: net.Server[] = [];

  beforeAll(async () => {
    // Speaks first, then closes: like an SSH server's banner.
    const banner = net.createServer((s) => {
      s.on('error', () => undefined);
      s.end('SSH-2.0-test\r\n');
    });
    // Sends one line every 20 ms.
    const paced = net.createServer(async (s) => {
      s.on('error', () => undefined);
      for (let i = 0; i < 5; i++) {
        s.write(`line ${i}\n`);
        await sleep(20);
      }
      s.end();
    });
    servers.push(banner, paced);
    bannerPort = await listen(banner);
    pacedPort = await listen(paced);
  });

  afterAll(() => {
    for (const s of servers) s.close();
  });

  it('holds what arrives before a sink (and what was put back), then delivers it in order', async () => {
    const up = await connectReusedRead('127.0.0.1', bannerPort, 5000);
    // The banner and the EOF are on the wire long before anyone listens.
    await sleep(100);
    up.unread(Buffer.from('first '));
    const ended = new Promise((r) => up.socket.once('end', r));
    const sink = copyingSink();
    up.setSink(sink);
    await ended;
    expect(sink.text()).toBe('first SSH-2.0-test\r\n');
    up.socket.destroy();
  });

  it('never reads another socket into a buffer that a paused sink still points to', async () => {
    const a = await connectReusedRead('127.0.0.1', bannerPort, 5000);
    let kept: Buffer | undefined;
    // Like a pending write: keeps a view of the buffer and stops the reads.
    a.setSink({ write: (chunk) => ((kept = chunk), false) });
    await sleep(50);
    const b = await connectReusedRead('127.0.0.1', pacedPort, 5000);
    const sink = copyingSink();
    b.setSink(sink);
    await sleep(50);
    expect(sink.text()).toMatch(/^line 0\n/);
    expect(kept?.toString('latin1')).toBe('SSH-2.0-test\r\n');
    a.socket.destroy();
    b.socket.destroy();
  });

  it('stops reading while the sink refuses and goes on after resume()', async () => {
    const up = await connectReusedRead('127.0.0.1', pacedPort, 5000);
    const sink = copyingSink();
    sink.refuse = true;
    up.setSink(sink);
    await sleep(150);
    // One chunk was taken before the refusal; the rest waited in the kernel.
    expect(sink.text()).toBe('line 0\n');
    expect(up.socket.readableEnded).toBe(false);
    sink.refuse = false;
    const ended = new Promise((r) => up.socket.once('end', r));
    up.resume();
    await ended;
    expect(sink.text()).toBe('line 0\nline 1\nline 2\nline 3\nline 4\n');
    up.socket.destroy();
  });
});
