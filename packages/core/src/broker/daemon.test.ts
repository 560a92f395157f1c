import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FenceEvent } from '../report/event-types.js';
import { brokerRequest } from './client.js';
import { registerScript, startDaemon } from './daemon.js';
import { ensurePrivateDir } from './runtime-dir.js';

const base = mkdtempSync(path.join(tmpdir(), 'fence-daemon-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

function sessionDirFor(name: string): string {
  return ensurePrivateDir(path.join(ensurePrivateDir(path.join(base, 'rt')), name));
}

function exchange(socketPath: string, data: string): Promise<string> {
  return new Promise((resolve) => {
    let got = '';
    const s = net.connect(socketPath, () => s.end(data));
    const guard = setTimeout(() => s.destroy(), 20_000);
    s.on('data', (d) => (got += d.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(guard);
      resolve(got);
    });
  });
}

describe('broker daemon (in process)', () => {
  let echo: net.Server;
  let echoPort: number;

  beforeAll(async () => {
    echo = net.createServer((s) => {
      s.on('error', () => undefined);
      s.pipe(s);
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
    echoPort = (echo.address() as net.AddressInfo).port;
  });
  afterAll(() => echo.close());

  it('registers scripts, applies their policy, logs refusals and runs pluggable handlers', async () => {
    const events: FenceEvent[] = [];
    const sessionDir = sessionDirFor('s1');
    const logDir = path.join(base, 'logs');
    const daemon = await startDaemon({
      sessionDir,
      ownerPid: process.pid,
      testHosts: { 'allowed.test': '127.0.0.1' },
      logDir,
      onEvent: (ev) => events.push(ev),
      handlers: {
        prepare: async (msg, api) => {
          const sock = await registerScript(api, { name: String(msg.name) }, { allowedDomains: [], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false });
          return `FENCE_PROXY_SOCKET='${sock}'\n`;
        },
      },
    });
    expect(JSON.parse(await brokerRequest(daemon.controlSocket, { op: 'ping' })).ok).toBe(true);
    const network = { allowedDomains: ['allowed.test'], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false };
    const reg = JSON.parse(
      await brokerRequest(daemon.controlSocket, { op: 'register', identity: { name: 'dep-a', version: '1.2.3', event: 'postinstall', kind: 'dependency' }, network }),
    );
    expect(reg.ok).toBe(true);
    expect(reg.socket).toBe(path.join(sessionDir, 's-1.sock'));
    // The same identity and policy share one listener.
    const again = JSON.parse(await brokerRequest(daemon.controlSocket, { op: 'register', identity: { name: 'dep-a', version: '1.2.3', event: 'postinstall', kind: 'dependency' }, network }));
    expect(again.socket).toBe(reg.socket);

    expect(await exchange(reg.socket, `CONNECT allowed.test:${echoPort} HTTP/1.1\r\n\r\nhi`)).toBe('HTTP/1.1 200 Connection Established\r\n\r\nhi');
    const refused = await exchange(reg.socket, `CONNECT evil.test:${echoPort} HTTP/1.1\r\n\r\n`);
    expect(refused).toContain('packages["dep-a"].network.allowedDomains');

    const logPath = readFileSync(path.join(sessionDir, 'log-path'), 'utf8').trim();
    expect(path.dirname(logPath)).toBe(logDir);
    const lines = readFileSync(logPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({ type: 'network', session: daemon.api.session, package: 'dep-a', version: '1.2.3', event: 'postinstall', protocol: 'connect', host: 'evil.test', port: echoPort, reason: 'not-allowed' }),
    ]);
    expect(typeof lines[0].time).toBe('string');
    expect(events).toHaveLength(1);

    const shell = await brokerRequest(daemon.controlSocket, { op: 'prepare', name: 'x' });
    expect(shell).toBe(`FENCE_PROXY_SOCKET='${path.join(sessionDir, 's-2.sock')}'\n`);
    // Shell callers use socat: the reply ends with the connection.
    const viaSocat = await new Promise<string>((resolve) => {
      const child = spawn('socat', ['-', `UNIX-CONNECT:${daemon.controlSocket}`], { stdio: ['pipe', 'pipe', 'ignore'] });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.on('close', () => resolve(out));
      child.stdin.end('{"op":"prepare","name":"y"}\n');
    });
    expect(viaSocat).toBe(`FENCE_PROXY_SOCKET='${path.join(sessionDir, 's-3.sock')}'\n`);
    expect(JSON.parse(await brokerRequest(daemon.controlSocket, { op: 'nope' })).ok).toBe(false);
    expect(JSON.parse(await brokerRequest(daemon.controlSocket, 'not json')).ok).toBe(false);
    expect(JSON.parse(await brokerRequest(daemon.controlSocket, { op: 'register', identity: {}, network })).error).toMatch(/identity.name/);

    expect(JSON.parse(await brokerRequest(daemon.controlSocket, { op: 'shutdown' })).ok).toBe(true);
    await daemon.closed;
    expect(existsSync(sessionDir)).toBe(false);
  });

  it('exits after the idle timeout', async () => {
    const sessionDir = sessionDirFor('s2');
    const daemon = await startDaemon({ sessionDir, ownerPid: process.pid, logDir: path.join(base, 'logs'), idleMs: 200, pollMs: 50 });
    await daemon.closed;
    expect(existsSync(sessionDir)).toBe(false);
  });

  it('stays up while a proxy connection is open, even when idle', async () => {
    const sessionDir = sessionDirFor('s3');
    const daemon = await startDaemon({ sessionDir, ownerPid: process.pid, logDir: path.join(base, 'logs'), idleMs: 200, pollMs: 50, testHosts: { 'allowed.test': '127.0.0.1' } });
    const sock = await daemon.api.register({ name: 'p' }, { allowedDomains: ['allowed.test'], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false });
    const client = net.connect(sock);
    client.on('error', () => undefined);
    await new Promise<void>((r) => {
      client.write(`CONNECT allowed.test:${echoPort} HTTP/1.1\r\n\r\n`);
      client.once('data', () => r());
    });
    let closed = false;
    void daemon.closed.then(() => (closed = true));
    // Several idle periods pass with the tunnel open: the daemon must still be there.
    for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 100));
    expect(closed).toBe(false);
    client.destroy();
    await daemon.closed;
  });
});
