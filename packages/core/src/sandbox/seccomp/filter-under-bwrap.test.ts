import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENIED_SYSCALLS } from './build-filter.js';
import { writeSeccompFile } from './write-filter-file.js';

/** Real bubblewrap, real filter, real syscalls (Linux with bwrap and gcc). */

const PROBE_SOURCE = fileURLToPath(new URL('./probe/syscall-probe.c', import.meta.url));
const EPERM = 1;
const ENOSYS = 38;
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const usable = process.platform === 'linux' && has('bwrap') && has('gcc');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs argv, handing `filterPath` in as fd 9 when given (bwrap's `--seccomp 9`). */
function exec(argv: string[], filterPath?: string, cwd?: string): Promise<Result> {
  const fd = filterPath ? openSync(filterPath, 'r') : undefined;
  const stdio: ('ignore' | 'pipe' | number)[] = ['ignore', 'pipe', 'pipe'];
  if (fd !== undefined) stdio.push('ignore', 'ignore', 'ignore', 'ignore', 'ignore', 'ignore', fd);
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { stdio, cwd });
    if (fd !== undefined) closeSync(fd);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    // A safety net only; no assertion depends on timing.
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function bwrapArgv(work: string, command: string[], extra: string[] = []): string[] {
  return [
    'bwrap', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp',
    '--bind', work, work, ...extra, '--chdir', work, '--setenv', 'HOME', work,
    '--unshare-all', '--die-with-parent', '--seccomp', '9', '--', ...command,
  ];
}

function parseProbe(out: string): Record<string, number> {
  const result: Record<string, number> = {};
  for (const line of out.trim().split('\n')) {
    const [name, errno] = line.split(' ');
    if (name && errno !== undefined) result[name] = Number(errno);
  }
  return result;
}

const PROBE_NAME: Partial<Record<string, string>> = { personality: 'personality_addr_no_randomize' };

describe.skipIf(!usable)('seccomp filter under bubblewrap', () => {
  let dir = '';
  let probe = '';
  let filter = '';
  let filterUnix = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'fence-seccomp-'));
    probe = join(dir, 'syscall-probe');
    const cc = spawnSync('gcc', ['-O0', '-o', probe, PROBE_SOURCE], { encoding: 'utf8' });
    if (cc.status !== 0) throw new Error(`gcc failed: ${cc.stderr}`);
    filter = writeSeccompFile(join(dir, 'filters'), {});
    filterUnix = writeSeccompFile(join(dir, 'filters'), { denyUnixSockets: true });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the probe succeeds (no EPERM) for several calls when run plainly', async () => {
    const plain = parseProbe((await exec([probe])).stdout);
    for (const name of ['ptrace', 'unshare', 'personality_addr_no_randomize', 'socket_unix', 'ioctl_tiocsti', 'clone3']) {
      expect(plain[name], name).toBeDefined();
      expect(plain[name], name).not.toBe(EPERM);
    }
    // As root, these really succeed unfiltered.
    if (process.getuid?.() === 0) {
      expect(plain.unshare).toBe(0);
      expect(plain.clone_newuts).toBe(0);
    }
  });

  it('every denied syscall gets EPERM inside, clone3 ENOSYS, allowed forms still work', async () => {
    const work = mkdtempSync(join(dir, 'w-'));
    const r = await exec(bwrapArgv(work, [probe], ['--ro-bind', probe, probe]), filterUnix);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const inside = parseProbe(r.stdout);
    for (const name of DENIED_SYSCALLS) {
      const key = PROBE_NAME[name] ?? name;
      expect(inside[key], key).toBe(EPERM);
    }
    for (const key of ['personality_addr_no_randomize', 'ioctl_tiocsti', 'ioctl_tioclinux', 'clone_newuts', 'socket_unix']) {
      expect(inside[key], key).toBe(EPERM);
    }
    expect(inside.clone3).toBe(ENOSYS);
    for (const key of Object.keys(inside).filter((k) => k.startsWith('allowed_'))) expect(inside[key], key).toBe(0);
  });

  it('leaves socket(AF_UNIX) alone unless denyUnixSockets', async () => {
    const work = mkdtempSync(join(dir, 'w-'));
    const inside = parseProbe((await exec(bwrapArgv(work, [probe], ['--ro-bind', probe, probe]), filter)).stdout);
    expect(inside.socket_unix).toBe(0);
    expect(inside.ptrace).toBe(EPERM);
  });

  it('node (fs, threads, child processes) works under the filter', async () => {
    const work = mkdtempSync(join(dir, 'w-'));
    const script = [
      "const fs = require('node:fs/promises');",
      "const { Worker } = require('node:worker_threads');",
      "const { execFileSync } = require('node:child_process');",
      '(async () => {',
      "  await fs.writeFile('f.txt', 'hello');",
      "  const text = await fs.readFile('f.txt', 'utf8');",
      "  const fromWorker = await new Promise((res, rej) => { const w = new Worker('require(\"node:worker_threads\").parentPort.postMessage(6*7)', { eval: true }); w.on('message', res); w.on('error', rej); });",
      "  const fromChild = execFileSync('sh', ['-c', 'echo child']).toString().trim();",
      "  console.log([text, fromWorker, fromChild].join(' '));",
      '})();',
    ].join('\n');
    const r = await exec(bwrapArgv(work, [process.execPath, '-e', script]), filterUnix);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('hello 42 child');
  });

  it('npm --version works under the filter', async () => {
    const work = mkdtempSync(join(dir, 'w-'));
    const r = await exec(bwrapArgv(work, ['npm', '--version']), filterUnix);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('git init works under the filter', async () => {
    const work = mkdtempSync(join(dir, 'w-'));
    const r = await exec(bwrapArgv(work, ['git', 'init', '-q', 'repo']), filterUnix);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const check = await exec(bwrapArgv(work, ['git', '-C', 'repo', 'rev-parse', '--git-dir']), filterUnix);
    expect(check.stdout.trim()).toBe('.git');
  });

  it('gcc and make -j2 build and run a program under the filter', async () => {
    const work = mkdtempSync(join(dir, 'w-'));
    mkdirSync(join(work, 'src'));
    writeFileSync(join(work, 'src', 'a.c'), 'int answer(void) { return 42; }\n');
    writeFileSync(join(work, 'src', 'main.c'), '#include <stdio.h>\nint answer(void);\nint main(void) { printf("built %d\\n", answer()); return 0; }\n');
    writeFileSync(
      join(work, 'Makefile'),
      'all: hello\n\t./hello\n\nhello: a.o main.o\n\tgcc -o $@ $^\n\n%.o: src/%.c\n\tgcc -c -o $@ $<\n',
    );
    const r = await exec(bwrapArgv(work, ['make', '-s', '-j2']), filterUnix);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('built 42');
  });
});
