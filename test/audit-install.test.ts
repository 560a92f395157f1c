// Audit mode through a real `npm install` with fence-shell: every refused file access
// of a script becomes one `file` event naming the package, path and operation; the
// policy is the one enforced without audit, and without audit nothing is recorded.
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASHRC_CONTENT } from './helpers/index.js';
import { readSessionEvents, type LoggedEvent } from './helpers/session-log.js';
import type { InstallRun } from './helpers/run-package-manager.js';
import { buildCli } from '../packages/cli/src/build-cli.js';
import { PassThrough } from 'node:stream';
import { makeTinyProject, npmInstall, packTiny, type TinyProject } from './audit-fixture-pack.test-helper.js';

// Every attempt is caught: the script itself succeeds, so the install goes on.
const PROBE = `'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const root = process.env.INIT_CWD;
const attempt = (f) => { try { f(); } catch {} };
attempt(() => fs.appendFileSync(path.join(os.homedir(), '.bashrc'), '\\n# audit-probe was here\\n'));
attempt(() => fs.appendFileSync(path.join(root, 'node_modules', 'audit-sibling', 'index.js'), '\\n// audit-probe\\n'));
attempt(() => fs.writeFileSync('/etc/x', 'audit-probe\\n'));
attempt(() => fs.readFileSync(path.join(os.homedir(), '.ssh', 'id_rsa'), 'utf8'));
fs.writeFileSync(path.join(__dirname, 'own-file.txt'), 'allowed\\n');
// Left behind on purpose: under strace it must not keep the sandbox (and the install) waiting.
require('child_process').spawn('sleep', ['300'], { detached: true, stdio: 'ignore' }).unref();
`;

interface Run {
  project: TinyProject;
  install: InstallRun;
  events: LoggedEvent[];
}

let tarballs: string;
let audited: Run;
let plain: Run;

async function installOnce(extra: NodeJS.ProcessEnv): Promise<Run> {
  const project = await makeTinyProject({ 'audit-probe': path.join(tarballs, 'audit-probe-1.0.0.tgz'), 'audit-sibling': path.join(tarballs, 'audit-sibling-1.0.0.tgz') });
  const install = await npmInstall(project, extra);
  return { project, install, events: await readSessionEvents(project.logDir) };
}

beforeAll(async () => {
  const { mkdtemp } = await import('node:fs/promises');
  tarballs = await mkdtemp(path.join((await import('node:os')).tmpdir(), 'fence-audit-tgz-'));
  await packTiny(tarballs, { name: 'audit-probe', version: '1.0.0', scripts: { postinstall: 'node probe.js' }, files: { 'probe.js': PROBE } });
  await packTiny(tarballs, { name: 'audit-sibling', version: '1.0.0', files: { 'index.js': 'module.exports = 1;\n' } });
  audited = await installOnce({ FENCE_AUDIT: '1' });
  plain = await installOnce({});
}, 400_000);

afterAll(async () => {
  for (const r of [audited, plain]) await r?.project.cleanup?.();
  for (const r of [audited, plain]) if (r) await rm(r.project.root, { recursive: true, force: true });
  if (tarballs) await rm(tarballs, { recursive: true, force: true });
});

const fileEvents = (r: Run) => r.events.filter((e) => e.type === 'file');

describe('audit mode (FENCE_AUDIT=1) in an npm install', () => {
  it('the install succeeds and the script ran sandboxed', () => {
    expect(audited.install.code, audited.install.stderr).toBe(0);
    const starts = audited.events.filter((e) => e.type === 'script' && e.phase === 'start' && e.package === 'audit-probe');
    expect(starts).toHaveLength(1);
    expect(starts[0]!.projectRoot).toBe(audited.project.dir);
    expect(readFileSync(path.join(audited.project.dir, 'node_modules', 'audit-probe', 'own-file.txt'), 'utf8')).toBe('allowed\n');
  });

  it('records one line per refused attempt, naming package, path and operation', () => {
    const { dir, home } = audited.project;
    const lines = fileEvents(audited).map((e) => ({ package: e.package, event: e.event, path: e.path, operation: e.operation, outcome: e.outcome, errno: e.errno ?? null }));
    expect(lines).toEqual([
      // Refused outright, or "written" into the stand-in home and thrown away: either way recorded.
      { package: 'audit-probe', event: 'postinstall', path: path.join(home, '.bashrc'), operation: 'open-write', outcome: expect.stringMatching(/^(refused|discarded)$/), errno: expect.toSatisfy((v: unknown) => v === null || v === 'EACCES' || v === 'EROFS') },
      { package: 'audit-probe', event: 'postinstall', path: path.join(dir, 'node_modules', 'audit-sibling', 'index.js'), operation: 'open-write', outcome: 'refused', errno: 'EROFS' },
      { package: 'audit-probe', event: 'postinstall', path: '/etc/x', operation: 'open-write', outcome: 'refused', errno: 'EROFS' },
      { package: 'audit-probe', event: 'postinstall', path: path.join(home, '.ssh', 'id_rsa'), operation: 'open-read', outcome: 'hidden', errno: 'ENOENT' },
    ]);
  });

  it('the effects are still refused', () => {
    const { dir, home } = audited.project;
    expect(readFileSync(path.join(home, '.bashrc'), 'utf8')).toBe(BASHRC_CONTENT);
    expect(readFileSync(path.join(dir, 'node_modules', 'audit-sibling', 'index.js'), 'utf8')).toBe('module.exports = 1;\n');
  });

  it('`fence report --suggest` on that log lists them and opens none of the protected ones', async () => {
    const { dir, home, logDir } = audited.project;
    const saved = { FENCE_LOG_DIR: process.env.FENCE_LOG_DIR, HOME: process.env.HOME };
    Object.assign(process.env, { FENCE_LOG_DIR: logDir, HOME: home });
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c: Buffer) => (out += c.toString()));
    try {
      expect(await buildCli().run(['report', '--json', '--suggest', '--project', dir], { stdin: process.stdin, stdout, stderr: stdout })).toBe(0);
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
    const report = JSON.parse(out) as { packages: Array<{ name: string; files: unknown[] }>; suggestion: { config: unknown; notSuggested: Array<{ what: string; why: string }> } };
    expect(report.packages.find((p) => p.name === 'audit-probe')?.files).toHaveLength(4);
    expect(report.suggestion.config).toEqual({ packages: { 'audit-probe': { filesystem: { allowWrite: ['./node_modules/audit-sibling/index.js'] } } } });
    expect(report.suggestion.notSuggested.map((n) => n.why)).toEqual([
      'always protected (~/.bashrc)',
      'outside the project and the home directory',
      'always hidden (~/.ssh)',
    ]);
  });

  it('without audit the same install records no file lines', () => {
    expect(plain.install.code, plain.install.stderr).toBe(0);
    expect(plain.events.some((e) => e.type === 'script' && e.package === 'audit-probe')).toBe(true);
    expect(fileEvents(plain)).toEqual([]);
  });
});
