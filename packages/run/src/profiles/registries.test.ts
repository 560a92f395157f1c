import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageManagerAllowances } from './pm-allowances.js';
import { registryUrlsInNpmConfig } from './npm-registry.js';
import { registryUrlsInYarnrc } from './yarn-registry.js';

describe('package-manager registries', () => {
  it('picks registry keys from npm config and .yarnrc.yml', () => {
    expect(registryUrlsInNpmConfig({ registry: 'https://a.test/', '@corp:registry': 'https://b.test/', 'cache': '/x' })).toEqual(['https://a.test/', 'https://b.test/']);
    expect(registryUrlsInYarnrc('npmRegistryServer: "https://y.test"\nnpmScopes:\n  corp:\n    npmRegistryServer: https://z.test\n')).toEqual(['https://y.test', 'https://z.test']);
    expect(registryUrlsInYarnrc(': not yaml : [')).toEqual([]);
  });

  it('asks npm at run time for the registries a project configures', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fence-npmreg-'));
    try {
      writeFileSync(join(dir, '.npmrc'), 'registry=http://npm.mirror.test:4873/\n@corp:registry=https://corp.test/npm/\n');
      const env = { PATH: process.env.PATH, HOME: dir, npm_config_userconfig: join(dir, 'none') };
      expect(packageManagerAllowances('npm', { cwd: dir, env, home: dir }).allowedDomains).toEqual(['npm.mirror.test', 'corp.test']);
      writeFileSync(join(dir, '.yarnrc.yml'), 'npmRegistryServer: "http://yarn.mirror.test:4873"\n');
      expect(packageManagerAllowances('yarn', { cwd: dir, env, home: dir }).allowedDomains).toEqual(['yarn.mirror.test']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
