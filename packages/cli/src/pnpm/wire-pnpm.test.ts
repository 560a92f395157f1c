import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { writeRecordingShell } from '../test-support/fake-shell.js';
import { tempDirsPerTest } from '../test-support/temp-dir.js';
import { removePnpmShell, setPnpmShell } from './workspace-yaml.js';
import { wirePnpm } from './wire-pnpm.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../../..');
const pnpmBin = createRequire(import.meta.url).resolve('pnpm/bin/pnpm.mjs');
const tarball = join(repo, 'fixtures/tarballs/benign-postinstall-1.0.0.tgz');

const temp = tempDirsPerTest(afterEach);

const pnpm = (cwd: string, args: string[], env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [pnpmBin, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });

function isolatedEnv(dir: string): NodeJS.ProcessEnv {
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, npm_config_userconfig: join(home, '.npmrc') };
  delete env.XDG_CONFIG_HOME;
  for (const k of Object.keys(env)) if (/^(npm|pnpm)_config_/i.test(k) && k !== 'npm_config_userconfig') delete env[k];
  return env;
}

describe('pnpm-workspace.yaml editing', () => {
  it('keeps comments and other keys, is idempotent, and removes only what it added', () => {
    const original = '# workspace\npackages:\n  - "packages/*" # all of them\nallowBuilds:\n  esbuild: true\n';
    const set = setPnpmShell(original, '/opt/fence/fence-shell');
    expect(set.text).toContain('# workspace\npackages:\n  - "packages/*" # all of them\n');
    expect(set.text).toContain('scriptShell: /opt/fence/fence-shell\n');
    expect(set.text).toMatch(/sideEffectsCache: false #/);
    expect(setPnpmShell(set.text, '/opt/fence/fence-shell').changed).toBe(false);
    const removed = removePnpmShell(set.text, (v) => v === '/opt/fence/fence-shell');
    expect(removed.text).toBe(original);
  });

  it("leaves a user's own sideEffectsCache: false in place on remove", () => {
    const mine = 'sideEffectsCache: false\nscriptShell: /x/fence-shell\n';
    expect(removePnpmShell(mine, (v) => v.endsWith('fence-shell')).text).toBe('sideEffectsCache: false\n');
  });
});

describe('fence init pnpm (real pnpm 12, offline)', () => {
  it('pnpm install runs the dependency postinstall through scriptShell and does not reuse the side-effects cache', () => {
    const dir = temp('pnpm');
    const env = isolatedEnv(dir);
    const { shell, calls } = writeRecordingShell(dir);
    const store = join(dir, 'store');
    // Two projects sharing one store: the second would restore the build from the side-effects cache.
    for (const name of ['one', 'two']) {
      const project = join(dir, name);
      mkdirSync(project);
      writeFileSync(join(project, 'package.json'), JSON.stringify({ name, version: '1.0.0', dependencies: { 'benign-postinstall': `file:${tarball}` } }));
      const report = wirePnpm({ project, global: false, remove: false, env }, () => shell);
      expect(report.lines.join('\n')).toContain('sideEffectsCache: false');
      // pnpm 12 blocks dependency builds unless approved.
      writeFileSync(join(project, 'pnpm-workspace.yaml'), `${readFileSync(join(project, 'pnpm-workspace.yaml'), 'utf8')}dangerouslyAllowAllBuilds: true\n`);
      const r = pnpm(project, ['install', '--offline', '--store-dir', store], env);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(existsSync(join(project, 'node_modules/benign-postinstall/built.txt'))).toBe(true);
      expect(pnpm(project, ['config', 'get', 'script-shell'], env).stdout.trim()).toBe(shell);
      expect(pnpm(project, ['config', 'get', 'side-effects-cache'], env).stdout.trim()).toBe('false');
    }
    const ran = readFileSync(calls, 'utf8').split('\n').filter((l) => l.includes('node build.js'));
    expect(ran).toHaveLength(2);
  });

  it('--global writes the config.yaml that pnpm reads, and --remove takes it back', () => {
    const dir = temp('pnpm-global');
    const env = isolatedEnv(dir);
    const { shell } = writeRecordingShell(dir);
    const project = join(dir, 'p');
    mkdirSync(project);
    writeFileSync(join(project, 'package.json'), '{"name":"p","version":"1.0.0"}');
    wirePnpm({ project, global: true, remove: false, env }, () => shell);
    expect(existsSync(join(env.HOME!, '.config/pnpm/config.yaml'))).toBe(true);
    expect(pnpm(project, ['config', 'get', 'script-shell'], env).stdout.trim()).toBe(shell);
    wirePnpm({ project, global: true, remove: true, env }, () => shell);
    expect(pnpm(project, ['config', 'get', 'script-shell'], env).stdout.trim()).toBe('undefined');
    expect(existsSync(join(env.HOME!, '.config/pnpm/config.yaml'))).toBe(false);
  });
});
