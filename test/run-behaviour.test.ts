// fence-run must stay out of the way of honest commands: builds, temp files,
// exit codes, signals, stdio, cwd and argv pass through exactly; the network
// works only through the proxy and only for allowed names.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYLOAD_BODY, startHttpServer, type RecordingServer } from './helpers/index.js';
import { runFence, type RunOptions } from './helpers/run-fence.js';
import { makeRunWorld, type RunWorld } from './helpers/run-world.js';

let world: RunWorld;
let opts: RunOptions;

beforeAll(async () => {
  world = await makeRunWorld();
  opts = { cwd: world.project, env: world.env };
});
afterAll(async () => {
  await world?.cleanup();
});

describe('honest commands run unchanged', () => {
  it('compiles and runs a C program with gcc in the current directory', async () => {
    writeFileSync(path.join(world.project, 'hello.c'), '#include <stdio.h>\nint main(void){puts("hello from c");return 0;}\n');
    const r = await runFence(['sh', '-c', 'gcc -o hello hello.c && ./hello'], opts);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('hello from c\n');
    expect(r.code).toBe(0);
    expect(existsSync(path.join(world.project, 'hello'))).toBe(true);
  });

  it('lets node write and read its TMPDIR', async () => {
    const js = `const fs=require('fs'),p=require('path'),os=require('os');const f=p.join(os.tmpdir(),'x.txt');fs.writeFileSync(f,'tmp ok');console.log(os.tmpdir()+' '+fs.readFileSync(f,'utf8'))`;
    const r = await runFence(['node', '-e', js], opts);
    expect(r.stdout).toBe('/tmp tmp ok\n');
    expect(r.code).toBe(0);
  });

  it.each([0, 1, 42])('passes exit code %i through', async (n) => {
    expect((await runFence(['sh', '-c', `exit ${n}`], opts)).code).toBe(n);
  });

  it('reports death by signal N as 128+N', async () => {
    expect((await runFence(['sh', '-c', 'kill -TERM $$'], opts)).code).toBe(143);
    expect((await runFence(['sh', '-c', 'kill -KILL $$'], opts)).code).toBe(137);
  });

  it('pipes stdin through and keeps stdout and stderr apart', async () => {
    const r = await runFence(['sh', '-c', 'tr a-z A-Z; echo to-stderr >&2'], { ...opts, input: 'piped in\nsecond line\n' });
    expect(r.stdout).toBe('PIPED IN\nSECOND LINE\n');
    expect(r.stderr).toBe('to-stderr\n');
    expect(r.code).toBe(0);
  });

  it('keeps the working directory', async () => {
    const sub = path.join(world.project, 'sub dir');
    mkdirSync(sub, { recursive: true });
    expect((await runFence(['pwd'], opts)).stdout).toBe(`${world.project}\n`);
    expect((await runFence(['pwd'], { ...opts, cwd: sub })).stdout).toBe(`${sub}\n`);
  });

  it('passes arguments with spaces, quotes and newlines exactly', async () => {
    const args = ['a b', `it's "quoted"`, 'line1\nline2', '', '$HOME `x` \\', '--flag=1', '-c'];
    const r = await runFence(['node', '-e', 'console.log(JSON.stringify(process.argv.slice(1)))', ...args], opts);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(args);
  });
});

describe('network through the proxy', () => {
  let server: RecordingServer;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    server = await startHttpServer(0);
    env = { ...world.env, FENCE_TEST_HOSTS: JSON.stringify({ 'allowed.test': '127.0.0.1', 'other.test': '127.0.0.1' }) };
  });
  afterAll(async () => {
    await server?.close();
  });

  it('reaches an allowed name with curl', async () => {
    const r = await runFence(['--allow-domain', 'allowed.test', 'curl', '-sS', `http://allowed.test:${server.port}/payload`], { ...opts, env });
    expect(r.stdout).toBe(PAYLOAD_BODY);
    expect(r.code).toBe(0);
    expect(server.requests.some((q) => q.url.endsWith('/payload'))).toBe(true);
  });

  it('answers 403 for a name that is not allowed, and -m prints the refusal', async () => {
    const before = server.requests.length;
    const curl = ['curl', '-sS', '-o', '/dev/null', '-w', '%{http_code}', `http://other.test:${server.port}/steal`];
    const r = await runFence(['--allow-domain', 'allowed.test', ...curl], { ...opts, env });
    expect(r.stdout).toBe('403');
    const m = await runFence(['-m', '--allow-domain', 'allowed.test', ...curl], { ...opts, env });
    expect(m.stdout).toBe('403');
    expect(m.stderr).toMatch(new RegExp(`fence: refused \\S+ other\\.test:${server.port}`));
    expect(server.requests.length).toBe(before);
  });

  it('has no DNS inside', async () => {
    const r = await runFence(['getent', 'hosts', 'example.com'], { ...opts, env });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
  });
});
