// `fence report` on session logs written by the real event-log writer: the newest
// log naming the project is chosen, the summary is grouped by package (human and
// JSON), and --suggest proposes only what may be opened.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventLog, type NewEvent } from '@fence/core';
import { buildCli } from '../packages/cli/src/build-cli.js';

const base = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'fence-report-')));
const logDir = path.join(base, 'logs');
const home = path.join(base, 'home');
const project = path.join(base, 'project');
const other = path.join(base, 'other');
const pkgDir = path.join(project, 'node_modules', 'tool-dl');
const saved = { FENCE_LOG_DIR: process.env.FENCE_LOG_DIR, HOME: process.env.HOME, XDG_STATE_HOME: process.env.XDG_STATE_HOME };

function writeLog(start: string, ownerPid: number, events: NewEvent[]): string {
  const log = openEventLog({ session: `${ownerPid}-1`, ownerPid, logDir, start: new Date(start) });
  for (const ev of events) log.write(ev);
  return log.path;
}

const script = (name: string, root: string, dir: string, extra: Record<string, unknown> = {}): NewEvent[] => [
  { type: 'script', phase: 'start', package: name, version: '1.0.0', event: 'postinstall', kind: 'dependency', dir, verified: true, projectRoot: root, ...extra },
];

let newest: string;

beforeAll(() => {
  for (const d of [path.join(home, '.cache'), path.join(home, '.ssh'), pkgDir, path.join(project, 'node_modules', 'sibling'), path.join(project, '.git', 'hooks'), other])
    mkdirSync(d, { recursive: true });
  writeFileSync(path.join(home, '.bashrc'), '# rc\n');
  writeFileSync(path.join(project, 'node_modules', 'sibling', 'index.js'), '');
  writeLog('2026-01-01T00:00:00Z', 10, script('old-pkg', project, path.join(project, 'node_modules', 'old-pkg')));
  newest = writeLog('2026-01-02T00:00:00Z', 11, [
    ...script('tool-dl', project, pkgDir),
    { type: 'network', package: 'tool-dl', version: '1.0.0', event: 'postinstall', protocol: 'connect', host: 'downloads.example.test', port: 443, reason: 'not-allowed' },
    { type: 'network', package: 'tool-dl', version: '1.0.0', event: 'postinstall', protocol: 'connect', host: 'downloads.example.test', port: 443, reason: 'not-allowed' },
    { type: 'network', package: 'tool-dl', version: '1.0.0', event: 'postinstall', protocol: 'http', host: '10.0.0.1', port: 80, reason: 'local-address' },
    { type: 'file', package: 'tool-dl', version: '1.0.0', event: 'postinstall', path: path.join(home, '.cache', 'tool-dl', 'bin'), operation: 'mkdir', outcome: 'discarded' },
    { type: 'file', package: 'tool-dl', version: '1.0.0', event: 'postinstall', path: path.join(home, '.bashrc'), operation: 'open-write', outcome: 'discarded' },
    { type: 'file', package: 'tool-dl', version: '1.0.0', event: 'postinstall', path: path.join(project, '.git', 'hooks', 'pre-commit'), operation: 'open-write', outcome: 'refused', errno: 'EROFS' },
    { type: 'file', package: 'tool-dl', version: '1.0.0', event: 'postinstall', path: path.join(project, 'node_modules', 'sibling', 'index.js'), operation: 'open-write', outcome: 'refused', errno: 'EROFS' },
    { type: 'file', package: 'tool-dl', version: '1.0.0', event: 'postinstall', path: '/etc/x', operation: 'open-write', outcome: 'refused', errno: 'EROFS' },
    { type: 'file', package: 'tool-dl', version: '1.0.0', event: 'postinstall', path: path.join(home, '.ssh', 'id_rsa'), operation: 'open-read', outcome: 'hidden', errno: 'ENOENT' },
    { type: 'script', phase: 'end', package: 'tool-dl', version: '1.0.0', event: 'postinstall', kind: 'dependency', exitCode: 1, durationMs: 42 },
    { type: 'identity', package: 'spoofy', version: '2.0.0', event: 'install', dir: path.join(project, 'node_modules', 'spoofy'), reason: 'manifest name "x" differs from install location node_modules/spoofy' },
    ...script('spoofy', project, path.join(project, 'node_modules', 'spoofy'), { version: '2.0.0', event: 'install', verified: false }),
    { type: 'network', package: 'spoofy', version: '2.0.0', event: 'install', protocol: 'socks5', host: 'exfil.test', port: 8443, reason: 'not-allowed' },
  ]);
  // Newer, but for another project: not picked.
  writeLog('2026-01-03T00:00:00Z', 12, script('elsewhere', other, path.join(other, 'node_modules', 'elsewhere')));
  Object.assign(process.env, { FENCE_LOG_DIR: logDir, HOME: home });
});

afterAll(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  rmSync(base, { recursive: true, force: true });
});

async function fence(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const code = await buildCli().run(args, { stdin: process.stdin, stdout, stderr });
  return { code, out, err };
}

describe('fence report', () => {
  it('summarises the newest log naming the project, grouped by package', async () => {
    const r = await fence(['report', '--project', project]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`fence report: ${newest}`);
    expect(r.out).not.toContain('old-pkg');
    expect(r.out).not.toContain('elsewhere');
    const block = r.out.slice(r.out.indexOf('tool-dl@1.0.0'), r.out.indexOf('spoofy@'));
    expect(block).toContain('postinstall: exit 1, 42 ms');
    expect(block).toContain('downloads.example.test:443  not-allowed  x2');
    expect(block).toContain(`open-write /etc/x  refused, EROFS`);
    expect(block).toContain(`open-read ${path.join(home, '.ssh', 'id_rsa')}  hidden (the script saw nothing), ENOENT`);
    expect(block).toContain(`open-write ${path.join(home, '.bashrc')}  discarded (went to the throwaway home)`);
    expect(r.out).toContain('spoofy@2.0.0 (dependency)  identity NOT verified');
    expect(r.out).toContain('identity: manifest name "x" differs from install location node_modules/spoofy');
  });

  it('--json carries the same summary', async () => {
    const r = await fence(['report', '--json', '--project', project]);
    const json = JSON.parse(r.out) as { log: string; packages: Array<{ name: string; verified: boolean; network: unknown[]; files: unknown[]; scripts: unknown[] }> };
    expect(json.log).toBe(newest);
    expect(json.packages.map((p) => p.name)).toEqual(['tool-dl', 'spoofy']);
    const tool = json.packages[0]!;
    expect(tool.scripts).toEqual([{ event: 'postinstall', kind: 'dependency', exitCode: 1, durationMs: 42 }]);
    expect(tool.network).toContainEqual({ host: 'downloads.example.test', port: 443, reason: 'not-allowed', count: 2 });
    expect(tool.files).toHaveLength(6);
    expect(json.packages[1]!.verified).toBe(false);
  });

  it('--suggest proposes the smallest entries and lists what it will not open', async () => {
    const r = await fence(['report', '--json', '--suggest', '--log', newest]);
    const { suggestion } = JSON.parse(r.out) as { suggestion: { config: unknown; notSuggested: Array<{ package: string; what: string; why: string }> } };
    expect(suggestion.config).toEqual({
      packages: {
        'tool-dl': {
          network: { allowedDomains: ['downloads.example.test'] },
          filesystem: { allowWrite: ['~/.cache', './node_modules/sibling/index.js'] },
        },
      },
    });
    const why = Object.fromEntries(suggestion.notSuggested.map((n) => [n.what, n.why]));
    expect(why[`open-write ${path.join(home, '.bashrc')}`]).toBe('always protected (~/.bashrc)');
    expect(why[`open-write ${path.join(project, '.git', 'hooks', 'pre-commit')}`]).toBe('always protected (./.git/hooks)');
    expect(why[`read ${path.join(home, '.ssh', 'id_rsa')}`]).toBe('always hidden (~/.ssh)');
    expect(why['open-write /etc/x']).toBe('outside the project and the home directory');
    expect(why['10.0.0.1:80']).toMatch(/allowLocalOutbound/);
    expect(why['exfil.test']).toMatch(/identity not verified/);

    const human = await fence(['report', '--suggest', '--project', project]);
    expect(human.out).toContain('Suggested fence.json entries (review before pasting):');
    expect(human.out).toContain('"downloads.example.test"');
    expect(human.out).toContain('Not suggested:\n');
    expect(human.out).toContain(`\n  tool-dl: open-write ${path.join(home, '.bashrc')}  (always protected (~/.bashrc))\n`);
  });

  it('says so when no log names the project', async () => {
    const r = await fence(['report', '--project', path.join(base, 'home')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/no session log names .* Run an install with fence first, or pass --log FILE/);
  });
});
