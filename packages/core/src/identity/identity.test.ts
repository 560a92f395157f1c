import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { installLocation, packageDirOf } from './install-location.js';
import { identifyNpmScript } from './npm-identity.js';
import { nameFromResolved } from './registry-name.js';

describe('installLocation', () => {
  test('plain, scoped and nested packages', () => {
    expect(installLocation('/p/node_modules/a')).toEqual({ name: 'a', projectRoot: '/p' });
    expect(installLocation('/p/node_modules/@s/b')?.name).toBe('@s/b');
    expect(installLocation('/p/node_modules/a/node_modules/c')).toEqual({ name: 'c', projectRoot: '/p' });
    expect(installLocation('/p/src')).toBeUndefined();
    expect(installLocation('/p/node_modules/@s')).toBeUndefined();
  });
  test('pnpm virtual store gives the version', () => {
    const loc = installLocation('/p/node_modules/.pnpm/@s+b@1.2.3_peer@1/node_modules/@s/b');
    expect(loc).toEqual({ name: '@s/b', projectRoot: '/p', storeVersion: '1.2.3' });
  });
  test('packageDirOf trims sub-directories', () => {
    expect(packageDirOf('/p/node_modules/a/lib/x')).toBe('/p/node_modules/a');
    expect(packageDirOf('/p/node_modules/@s/b/lib')).toBe('/p/node_modules/@s/b');
  });
});

describe('nameFromResolved', () => {
  test('registry tarball URLs', () => {
    expect(nameFromResolved('https://reg.example/left-pad/-/left-pad-1.3.0.tgz')).toBe('left-pad');
    expect(nameFromResolved('https://reg.example/@s/b/-/b-1.0.0.tgz')).toBe('@s/b');
    expect(nameFromResolved('https://reg.example/@s%2fb/-/b-1.0.0.tgz')).toBe('@s/b');
  });
  test('anything else is unknown', () => {
    expect(nameFromResolved('file:../x.tgz')).toBeUndefined();
    expect(nameFromResolved('git+ssh://git@host/x.git')).toBeUndefined();
    expect(nameFromResolved(undefined)).toBeUndefined();
  });
});

describe('identifyNpmScript', () => {
  const project = () => {
    const root = mkdtempSync(join(tmpdir(), 'fence-id-'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0' }));
    writeFileSync(join(root, 'package-lock.json'), '{}');
    const dep = (dir: string, manifest: object) => {
      mkdirSync(join(root, 'node_modules', dir), { recursive: true });
      writeFileSync(join(root, 'node_modules', dir, 'package.json'), JSON.stringify(manifest));
      return join(root, 'node_modules', dir);
    };
    return { root, dep };
  };

  test('a dependency whose manifest matches its location is verified', () => {
    const { root, dep } = project();
    const dir = dep('good', { name: 'good', version: '2.0.0' });
    const { identity, projectRoot } = identifyNpmScript({ cwd: dir, env: { npm_lifecycle_event: 'postinstall', npm_package_name: 'good' } });
    expect(projectRoot).toBe(root);
    expect(identity).toMatchObject({ name: 'good', version: '2.0.0', kind: 'dependency', verified: true, event: 'postinstall' });
  });

  test('a package claiming another name (alias) is not verified, whatever npm_package_name says', () => {
    const { dep } = project();
    const dir = dep('name-spoof', { name: 'fetches-allowed', version: '1.0.0' });
    const { identity } = identifyNpmScript({ cwd: dir, env: { npm_package_name: 'fetches-allowed' } });
    expect(identity.name).toBe('name-spoof');
    expect(identity.verified).toBe(false);
    expect(identity.mismatch).toMatch(/fetches-allowed/);
  });

  test('a registry tarball of another package installed under a known name is not verified', () => {
    const { dep } = project();
    const dir = dep('puppeteer', { name: 'puppeteer', version: '22.0.0' });
    const { identity } = identifyNpmScript({ cwd: dir, env: { npm_package_resolved: 'https://reg.example/evil/-/evil-22.0.0.tgz' } });
    expect(identity.verified).toBe(false);
  });

  test('root lifecycle scripts during install are the project; npm run is by hand', () => {
    const { root } = project();
    expect(identifyNpmScript({ cwd: root, env: { npm_lifecycle_event: 'prepare', npm_command: 'install' } }).identity.kind).toBe('project');
    expect(identifyNpmScript({ cwd: root, env: { npm_lifecycle_event: 'build', npm_command: 'run-script' } }).identity.kind).toBe('by-hand');
    expect(identifyNpmScript({ cwd: root, env: { npm_lifecycle_event: 'postinstall', npm_command: 'run-script' } }).identity.kind).toBe('by-hand');
  });
});
