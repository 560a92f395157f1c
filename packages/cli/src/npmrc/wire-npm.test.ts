import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRecordingShell } from '../test-support/fake-shell.js';
import { tempDirsPerTest } from '../test-support/temp-dir.js';
import { removeScriptShell, setScriptShell } from './edit-npmrc.js';
import { wireNpm } from './wire-npm.js';

const temp = tempDirsPerTest(afterEach);

const ORIGINAL = [
  '# company registry',
  '//registry.example.invalid/:_authToken=${NPM_TOKEN}',
  '  save-exact = true  ',
  '; old comment',
  'fund=false',
  '',
].join('\n');

describe('setScriptShell / removeScriptShell', () => {
  it('appends once, keeps every other byte, and removes only its line', () => {
    const set = setScriptShell(ORIGINAL, '/opt/fence/fence-shell');
    expect(set.changed).toBe(true);
    expect(set.text).toBe(`${ORIGINAL}script-shell=/opt/fence/fence-shell\n`);
    const again = setScriptShell(set.text, '/opt/fence/fence-shell');
    expect(again.changed).toBe(false);
    const removed = removeScriptShell(set.text, (v) => v === '/opt/fence/fence-shell');
    expect(removed.text).toBe(ORIGINAL);
  });

  it('keeps CRLF, a missing final newline, and puts the key before any [section]', () => {
    expect(setScriptShell('a=1\r\nb=2', '/x/fence-shell').text).toBe('a=1\r\nb=2\r\nscript-shell=/x/fence-shell\r\n');
    expect(setScriptShell('a=1\n[sec]\nk=v\n', '/x/fence-shell').text).toBe('a=1\nscript-shell=/x/fence-shell\n[sec]\nk=v\n');
  });

  it('replaces a foreign script-shell (and drops duplicates that would win), but remove leaves a foreign one alone', () => {
    const set = setScriptShell('script-shell=/bin/bash\nx=1\nscript-shell = /bin/zsh\n', '/x/fence-shell');
    expect(set.text).toBe('script-shell=/x/fence-shell\nx=1\n');
    expect(set.others).toEqual(['/bin/bash', '/bin/zsh']);
    const kept = removeScriptShell('script-shell=/bin/bash\n', (v) => v.endsWith('fence-shell'));
    expect(kept).toEqual({ text: 'script-shell=/bin/bash\n', changed: false, others: ['/bin/bash'] });
  });
});

describe('fence init npm', () => {
  it('writes the project .npmrc idempotently, keeps the other lines, and removes only its line', () => {
    const dir = temp('npm');
    const { shell } = writeRecordingShell(dir);
    const npmrc = join(dir, '.npmrc');
    writeFileSync(npmrc, ORIGINAL);
    const opts = { project: dir, global: false, remove: false };
    expect(wireNpm(opts, () => shell).lines[0]).toContain('wrote script-shell=');
    const once = readFileSync(npmrc, 'utf8');
    expect(once).toBe(`${ORIGINAL}script-shell=${shell}\n`);
    expect(wireNpm(opts, () => shell).lines[0]).toContain('already has');
    expect(readFileSync(npmrc, 'utf8')).toBe(once);
    wireNpm({ ...opts, remove: true }, () => shell);
    expect(readFileSync(npmrc, 'utf8')).toBe(ORIGINAL);
  });

  it('--global honours npm_config_userconfig, and real npm reads the value back', () => {
    const dir = temp('npm-global');
    const { shell } = writeRecordingShell(dir);
    const userconfig = join(dir, 'user.npmrc');
    const env = { ...process.env, HOME: join(dir, 'home'), npm_config_userconfig: userconfig };
    wireNpm({ project: dir, global: true, remove: false, env }, () => shell);
    expect(readFileSync(userconfig, 'utf8')).toBe(`script-shell=${shell}\n`);
    const got = spawnSync('npm', ['config', 'get', 'script-shell'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    expect(got.stdout.trim()).toBe(shell);
  });

  it('runs npm lifecycle scripts through the configured shell (real npm run)', () => {
    const dir = temp('npm-run');
    const { shell, calls } = writeRecordingShell(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'p', version: '1.0.0', scripts: { hello: 'echo hi' } }));
    wireNpm({ project: dir, global: false, remove: false }, () => shell);
    const env = { ...process.env, HOME: join(dir, 'home'), npm_config_userconfig: join(dir, 'none.npmrc') };
    const r = spawnSync('npm', ['run', 'hello'], { cwd: dir, env, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(readFileSync(calls, 'utf8')).toContain('echo hi');
  });
});
