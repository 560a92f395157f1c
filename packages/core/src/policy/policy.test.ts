import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { filterEnv } from './env-filter.js';
import { matchingPackageEntries, splitPackageKey } from './package-match.js';
import { expandPath } from './path-expand.js';
import { resolvePolicy } from './resolve-policy.js';

describe('filterEnv', () => {
  test('passes what builds need and nothing secret', () => {
    const out = filterEnv({
      PATH: '/bin', HOME: '/h', LANG: 'C', CC: 'gcc', npm_lifecycle_event: 'postinstall', npm_config_nodedir: '/usr',
      NPM_TOKEN: 't', GITHUB_TOKEN: 't', AWS_SECRET_ACCESS_KEY: 't', AWS_REGION: 'x', NODE_AUTH_TOKEN: 't', MY_API_KEY: 't',
      npm_config__authtoken: 't', 'npm_config_//reg/:_authToken': 't', LD_PRELOAD: '/x.so', NODE_OPTIONS: '--require x', RANDOM_THING: 'x',
      SSH_AUTH_SOCK: '/s', DB_PASSWORD: 'p',
    });
    expect(Object.keys(out).sort()).toEqual(['CC', 'HOME', 'LANG', 'PATH', 'npm_config_nodedir', 'npm_lifecycle_event']);
  });
  test('env.allow adds names, but never loader variables', () => {
    const out = filterEnv({ GITHUB_TOKEN: 't', FOO: '1', LD_PRELOAD: 'x', NODE_OPTIONS: 'y' }, { allow: ['GITHUB_TOKEN', 'FOO', 'LD_*', 'NODE_OPTIONS'] });
    expect(out).toEqual({ GITHUB_TOKEN: 't', FOO: '1' });
  });
  test('env.deny removes allowed names', () => {
    expect(filterEnv({ PATH: '/bin', CC: 'gcc' }, { deny: ['CC'] })).toEqual({ PATH: '/bin' });
  });
});

describe('package keys', () => {
  test('split name and range', () => {
    expect(splitPackageKey('sharp@>=0.33')).toEqual({ glob: 'sharp', range: '>=0.33' });
    expect(splitPackageKey('@img/*@^1')).toEqual({ glob: '@img/*', range: '^1' });
    expect(splitPackageKey('@prisma/*')).toEqual({ glob: '@prisma/*' });
  });
  test('match by glob and version range', () => {
    const pkgs = { 'sharp@>=0.33': {}, '@prisma/*': {}, esbuild: {} };
    expect(matchingPackageEntries(pkgs, 'sharp', '0.34.1').map(([k]) => k)).toEqual(['sharp@>=0.33']);
    expect(matchingPackageEntries(pkgs, 'sharp', '0.32.0')).toEqual([]);
    expect(matchingPackageEntries(pkgs, '@prisma/engines', '5.0.0').map(([k]) => k)).toEqual(['@prisma/*']);
    expect(matchingPackageEntries(pkgs, 'sharp', undefined)).toEqual([]);
  });
});

test('expandPath', () => {
  const ctx = { home: '/h', projectRoot: '/p', pkgDir: '/p/node_modules/x', cwd: '/c' };
  expect(expandPath('~/.cache', ctx)).toBe('/h/.cache');
  expect(expandPath('./dist', ctx)).toBe('/p/dist');
  expect(expandPath('$PKG/build', ctx)).toBe('/p/node_modules/x/build');
  expect(expandPath('/abs', ctx)).toBe('/abs');
});

describe('resolvePolicy', () => {
  const setup = () => {
    const root = mkdtempSync(join(tmpdir(), 'fence-pol-'));
    const home = join(root, 'home');
    const project = join(root, 'project');
    const dep = join(project, 'node_modules', 'dep');
    mkdirSync(join(home, '.ssh'), { recursive: true });
    writeFileSync(join(home, '.bashrc'), '');
    writeFileSync(join(home, '.npmrc'), '');
    mkdirSync(join(project, '.git', 'hooks'), { recursive: true });
    writeFileSync(join(project, '.git', 'config'), '');
    writeFileSync(join(project, '.env'), '');
    writeFileSync(join(project, '.env.local'), '');
    writeFileSync(join(project, '.npmrc'), '');
    mkdirSync(dep, { recursive: true });
    return { home, project, dep };
  };

  test('a dependency writes only its own dir; secrets are hidden; per-package network needs verified identity', () => {
    const { home, project, dep } = setup();
    const config = { packages: { dep: { network: { allowedDomains: ['dl.example.com'] } } } };
    const base = { config, cwd: dep, projectRoot: project, env: { HOME: home, PATH: '/bin' }, home };
    const p = resolvePolicy({ ...base, identity: { name: 'dep', dir: dep, kind: 'dependency', verified: true } });
    expect(p.filesystem.allowWrite).toEqual([dep]);
    expect(p.filesystem.denyRead).toEqual(
      expect.arrayContaining([join(home, '.ssh'), join(home, '.npmrc'), join(project, '.env'), join(project, '.env.local'), join(project, '.npmrc'), join(project, '.git/config')]),
    );
    expect(p.network.allowedDomains).toEqual(['dl.example.com']);
    const spoof = resolvePolicy({ ...base, identity: { name: 'dep', dir: dep, kind: 'dependency', verified: false } });
    expect(spoof.network.allowedDomains).toEqual([]);
  });

  test('the project may write its tree but not the protected paths', () => {
    const { home, project } = setup();
    const p = resolvePolicy({ config: {}, cwd: project, projectRoot: project, env: { HOME: home }, home, identity: { name: 'app', dir: project, kind: 'project', verified: true } });
    expect(p.filesystem.allowWrite).toEqual([project]);
    expect(p.filesystem.denyWrite).toEqual(expect.arrayContaining([join(project, '.git'), join(project, '.git/hooks'), join(project, '.npmrc'), join(home, '.bashrc')]));
  });

  test('config cannot open the always-protected paths', () => {
    const { home, project, dep } = setup();
    const config = { filesystem: { allowWrite: ['~'], allowRead: ['~/.ssh'] } };
    const p = resolvePolicy({ config, cwd: dep, projectRoot: project, env: { HOME: home }, home, identity: { name: 'dep', dir: dep, kind: 'dependency', verified: true } });
    expect(p.filesystem.allowWrite).toContain(home);
    expect(p.filesystem.denyWrite).toContain(join(home, '.bashrc'));
    expect(p.filesystem.denyRead).toContain(join(home, '.ssh'));
  });
});
