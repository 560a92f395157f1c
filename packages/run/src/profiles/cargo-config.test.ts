import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cargoAllowances } from './cargo-allowances.js';
import { configuredCargoUrls, urlsInCargoToml } from './cargo-config.js';

describe('cargo config', () => {
  it('finds registry, source and git URLs', () => {
    const text = [
      '[registries.corp]',
      'index = "sparse+https://cargo.corp.test/index/"',
      "[source.vendored]\nregistry = 'https://mirror.test/index'",
      '# git = "https://commented.test/x.git"',
      '[dependencies]',
      'foo = { git = "https://git.test/foo.git", branch = "main" }',
      'bar = { path = "../bar" }',
      '[net]\ngit-fetch-with-cli = true',
    ].join('\n');
    expect(urlsInCargoToml(text)).toEqual(['sparse+https://cargo.corp.test/index/', 'https://mirror.test/index', 'https://git.test/foo.git']);
  });

  it('reads the project, its parents and $CARGO_HOME', () => {
    const root = mkdtempSync(join(tmpdir(), 'fence-cargocfg-'));
    try {
      const proj = join(root, 'ws', 'crate');
      mkdirSync(join(root, 'ws', '.cargo'), { recursive: true });
      mkdirSync(join(proj, '.cargo'), { recursive: true });
      mkdirSync(join(root, 'cargo-home'));
      writeFileSync(join(proj, '.cargo', 'config.toml'), '[registries.a]\nindex = "https://a.test/index"\n');
      writeFileSync(join(root, 'ws', '.cargo', 'config.toml'), '[registries.b]\nindex = "https://b.test/index"\n');
      writeFileSync(join(root, 'cargo-home', 'config.toml'), '[registries.c]\nindex = "https://c.test/index"\n');
      expect(configuredCargoUrls(proj, join(root, 'cargo-home'))).toEqual(['https://a.test/index', 'https://b.test/index', 'https://c.test/index']);
      const a = cargoAllowances(['cargo', 'build'], { cwd: proj, home: join(root, 'home'), env: { CARGO_HOME: join(root, 'cargo-home'), CARGO_TARGET_DIR: join(root, 'out') } });
      expect(a.allowedDomains).toEqual(['a.test', 'b.test', 'c.test']);
      expect(a.allowWrite).toEqual([join(root, 'out'), join(root, 'cargo-home', 'registry'), join(root, 'cargo-home', 'git')]);
      expect(a.denyRead).toContain(join(root, 'cargo-home', 'credentials.toml'));
      expect(cargoAllowances(['cargo', 'build', '--target-dir=t2'], { cwd: proj, home: root, env: {} }).allowWrite[0]).toBe(join(proj, 't2'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
