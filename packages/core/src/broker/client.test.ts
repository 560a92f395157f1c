import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokerRequest, ensureBroker } from './client.js';
import { ensurePrivateDir } from './runtime-dir.js';
import { processStartTime, sessionDir } from './session-key.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const coreSrc = path.resolve(here, '..');
const repo = path.resolve(coreSrc, '../../..');
const base = mkdtempSync(path.join(tmpdir(), 'fence-client-'));
const rt = ensurePrivateDir(path.join(base, 'rt'));
const logDir = path.join(base, 'logs');
const owners: ChildProcess[] = [];
let daemonCommand: string[];

/** Compiles just the daemon and what it imports, so the test does not depend on the rest of core building. */
beforeAll(() => {
  const out = path.join(base, 'dist');
  execFileSync(path.join(repo, 'node_modules/.bin/tsc'), [
    '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--strict', '--skipLibCheck',
    '--types', 'node', '--rootDir', coreSrc, '--outDir', out, path.join(here, 'daemon-main.ts'),
  ], { stdio: 'inherit' });
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}\n');
  daemonCommand = [process.execPath, path.join(out, 'broker', 'daemon-main.js')];
}, 120_000);

afterAll(async () => {
  for (const o of owners) o.kill('SIGKILL');
  // Brokers notice their owner is gone within a poll; give them a bounded moment before removing the tree.
  for (let i = 0; i < 50 && readdirSync(rt).some((n) => n.startsWith('session-')); i++) await sleep(100);
  rmSync(base, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function newOwner(): Promise<number> {
  const child = spawn('sleep', ['1000'], { stdio: 'ignore' });
  owners.push(child);
  await new Promise<void>((r) => child.once('spawn', () => r()));
  return child.pid!;
}

const env = { PATH: process.env.PATH, FENCE_LOG_DIR: logDir, FENCE_TEST_HOSTS: JSON.stringify({ 'allowed.test': '127.0.0.1' }) };

async function brokerPid(controlSocket: string): Promise<number> {
  return JSON.parse(await brokerRequest(controlSocket, { op: 'ping' })).pid;
}

/** Processes whose command line mentions `needle` (the daemons of one session). */
function processesWith(needle: string): number[] {
  const found: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(needle)) found.push(Number(name));
    } catch {
      // Gone meanwhile.
    }
  }
  return found;
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('ensureBroker', () => {
  it('starts exactly one broker for parallel callers of one owner, another for another owner', async () => {
    const owner = await newOwner();
    const calls = await Promise.all(Array.from({ length: 6 }, () => ensureBroker({ ownerPid: owner, env, daemonCommand, runtimeDir: rt })));
    expect(new Set(calls.map((c) => c.controlSocket)).size).toBe(1);
    const pids = await Promise.all(calls.map((c) => brokerPid(c.controlSocket)));
    expect(new Set(pids).size).toBe(1);
    expect(processesWith(calls[0]!.sessionDir)).toEqual([pids[0]]);

    const other = await newOwner();
    const second = await ensureBroker({ ownerPid: other, env, daemonCommand, runtimeDir: rt });
    expect(second.sessionDir).not.toBe(calls[0]!.sessionDir);
    expect(await brokerPid(second.controlSocket)).not.toBe(pids[0]);
    // A later call finds the running broker.
    expect(await brokerPid((await ensureBroker({ ownerPid: owner, env, daemonCommand, runtimeDir: rt })).controlSocket)).toBe(pids[0]);
  });

  it('the broker exits and removes its session dir when the owner is killed', async () => {
    const owner = await newOwner();
    const { controlSocket, sessionDir: dir } = await ensureBroker({ ownerPid: owner, env, daemonCommand, runtimeDir: rt });
    const pid = await brokerPid(controlSocket);
    owners.find((o) => o.pid === owner)!.kill('SIGKILL');
    await until(() => !existsSync(dir) && processStartTime(pid) === undefined, 'the broker to exit');
  });

  it('cleans up after a crashed broker and a crashed starter', async () => {
    const owner = await newOwner();
    const dir = sessionDir(rt, owner);
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(path.join(dir, 'control.sock'), ''); // not a socket: connecting fails
    writeFileSync(path.join(dir, 's-1.sock'), '');
    writeFileSync(`${dir}.lock`, '999999999 1\n'); // its starter is long gone
    const deadSession = path.join(rt, 'session-999999999-1');
    mkdirSync(deadSession, { mode: 0o700 });
    const { controlSocket } = await ensureBroker({ ownerPid: owner, env, daemonCommand, runtimeDir: rt, timeoutMs: 30_000 });
    expect(typeof (await brokerPid(controlSocket))).toBe('number');
    expect(existsSync(path.join(dir, 's-1.sock'))).toBe(false);
    expect(existsSync(deadSession)).toBe(false);
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('register returns a socket whose proxy applies the script policy and logs refusals', async () => {
    const owner = await newOwner();
    const { controlSocket, sessionDir: dir } = await ensureBroker({ ownerPid: owner, env, daemonCommand, runtimeDir: rt });
    const echo = net.createServer((s) => {
      s.on('error', () => undefined);
      s.pipe(s);
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
    const port = (echo.address() as net.AddressInfo).port;
    const network = { allowedDomains: ['allowed.test'], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false };
    const reply = JSON.parse(await brokerRequest(controlSocket, { op: 'register', identity: { name: 'left-pad', version: '9.9.9', event: 'preinstall' }, network }));
    const talk = (data: string) =>
      new Promise<string>((resolve) => {
        let got = '';
        const s = net.connect(reply.socket, () => s.end(data));
        s.on('data', (d) => (got += d));
        s.on('error', () => undefined);
        s.on('close', () => resolve(got));
      });
    expect(await talk(`CONNECT allowed.test:${port} HTTP/1.1\r\n\r\nok`)).toBe('HTTP/1.1 200 Connection Established\r\n\r\nok');
    expect(await talk(`GET http://exfil.test:${port}/ HTTP/1.1\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 403/);
    echo.close();
    const logPath = readFileSync(path.join(dir, 'log-path'), 'utf8').trim();
    const line = JSON.parse(readFileSync(logPath, 'utf8').trim());
    expect(line).toMatchObject({ type: 'network', package: 'left-pad', version: '9.9.9', event: 'preinstall', protocol: 'http', host: 'exfil.test', port, reason: 'not-allowed' });
    expect(path.basename(logPath)).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT[\\d.-]+Z-${owner}\\.jsonl$`));
  });
});
