import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConfigCache } from './config-cache.js';
import { ConfigError } from './errors.js';
import { loadConfig, type LoadConfigOptions } from './load.js';

let root: string;
let home: string;
let proj: string;

function write(file: string, value: unknown): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
  return file;
}

function load(extra: Partial<LoadConfigOptions> = {}) {
  return loadConfig({ projectRoot: proj, home, env: {}, cache: createConfigCache(), ...extra });
}

function loadError(extra: Partial<LoadConfigOptions> = {}): ConfigError {
  try {
    load(extra);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'fence-config-'));
  home = join(root, 'home');
  proj = join(root, 'work', 'proj');
  mkdirSync(home, { recursive: true });
  mkdirSync(proj, { recursive: true });
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('loadConfig lookup order', () => {
  it('returns an empty config when no file exists', () => {
    expect(load()).toEqual({ config: {}, sources: [], projectRoot: proj });
  });

  it('merges the project file over the user layers, lowest first', () => {
    const fenceHome = write(join(home, '.fence.json'), { network: { allowedDomains: ['fence-home.example'] }, sandbox: { audit: true } });
    const xdg = write(join(home, '.config/fence/fence.json'), { network: { allowedDomains: ['user.example'] }, sandbox: { seccomp: false } });
    const project = write(join(proj, 'fence.json'), { network: { allowedDomains: ['project.example'] }, sandbox: { seccomp: true } });
    const loaded = load();
    expect(loaded.sources).toEqual([fenceHome, xdg, project]);
    expect(loaded.config).toEqual({
      network: { allowedDomains: ['fence-home.example', 'user.example', 'project.example'] },
      sandbox: { audit: true, seccomp: true },
    });
    expect(loaded.projectRoot).toBe(proj);
  });

  it('honours an absolute XDG_CONFIG_HOME and ignores a relative one', () => {
    write(join(home, '.config/fence/fence.json'), { env: { allow: ['DEFAULT_LOC'] } });
    const xdg = write(join(root, 'xdg/fence/fence.json'), { env: { allow: ['XDG_LOC'] } });
    expect(load({ env: { XDG_CONFIG_HOME: join(root, 'xdg') } })).toMatchObject({ sources: [xdg], config: { env: { allow: ['XDG_LOC'] } } });
    expect(load({ env: { XDG_CONFIG_HOME: 'xdg' } }).config).toEqual({ env: { allow: ['DEFAULT_LOC'] } });
  });

  it('walks up from a workspace package to the nearest fence.json', () => {
    const project = write(join(proj, 'fence.json'), { filesystem: { allowWrite: ['./out'] } });
    const loaded = load({ projectRoot: join(proj, 'packages', 'a') });
    expect(loaded.sources).toEqual([project]);
    expect(loaded.projectRoot).toBe(proj);
  });

  it('uses only the settings file (relative to projectRoot) when one is given', () => {
    write(join(home, '.config/fence/fence.json'), { env: { allow: ['USER'] } });
    write(join(proj, 'fence.json'), { env: { allow: ['PROJECT'] } });
    const settings = write(join(proj, 'ci/fence.ci.json'), { env: { allow: ['CI_ONLY'] } });
    const loaded = load({ settingsFile: 'ci/fence.ci.json', projectRoot: proj });
    expect(loaded).toEqual({ config: { env: { allow: ['CI_ONLY'] } }, sources: [settings], projectRoot: proj });
  });

  it('takes the settings file from FENCE_CONFIG, and the option over the variable', () => {
    write(join(proj, 'fence.json'), { env: { allow: ['PROJECT'] } });
    const viaEnv = write(join(root, 'env.json'), { env: { allow: ['FROM_ENV'] } });
    const viaOpt = write(join(root, 'opt.json'), { env: { allow: ['FROM_OPTION'] } });
    expect(load({ env: { FENCE_CONFIG: viaEnv } }).sources).toEqual([viaEnv]);
    expect(load({ env: { FENCE_CONFIG: viaEnv }, settingsFile: viaOpt }).sources).toEqual([viaOpt]);
  });

  it('fails on a missing settings file, naming where it came from', () => {
    const e = loadError({ env: { FENCE_CONFIG: join(root, 'nope.json') } });
    expect(e.file).toBe(join(root, 'nope.json'));
    expect(e.problem).toMatch(/FENCE_CONFIG/);
  });
});

describe('loadConfig errors', () => {
  it('throws for an invalid project file with file, field and line', () => {
    const file = write(join(proj, 'fence.json'), '{\n  "network": {\n    "allowedDomains": ["https://a.example/x"]\n  }\n}\n');
    const e = loadError();
    expect([e.file, e.field, e.line, e.column]).toEqual([file, 'network.allowedDomains[0]', 3, 24]);
    expect(e.fix).toBe('write only the host: "a.example".');
  });

  it('throws for a syntax error with line:column', () => {
    const file = write(join(home, '.fence.json'), '{\n  "network": {},\n}\n');
    const e = loadError();
    expect(e.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:1: invalid JSON`));
  });

  it('throws for a user file that is a directory or unreadable', () => {
    mkdirSync(join(home, '.fence.json'));
    expect(loadError().problem).toMatch(/directory/);
    rmSync(join(home, '.fence.json'), { recursive: true });
    if (process.getuid?.() === 0) return; // root reads through chmod 000
    const file = write(join(home, '.fence.json'), {});
    chmodSync(file, 0o000);
    expect(loadError().problem).toMatch(/cannot be read \(EACCES\)/);
  });
});

describe('extends', () => {
  it('expands a built-in profile below the file that extends it', () => {
    write(join(proj, 'fence.json'), { extends: ['npm'], filesystem: { allowWrite: ['./dist', '~/.npm'] } });
    const { config } = load();
    expect(config.extends).toBeUndefined();
    expect(config.filesystem!.allowWrite).toEqual(['.', '~/.npm', '~/.cache/node-gyp', './dist']);
  });

  it('expands relative files recursively, relative to the extending file', () => {
    const shared = write(join(root, 'work/shared.json'), { network: { allowedDomains: ['shared.example'] }, sandbox: { audit: true } });
    const base = write(join(proj, 'config/base.json'), { extends: ['../../shared.json', 'known-packages'], sandbox: { audit: false } });
    const project = write(join(proj, 'fence.json'), { extends: ['./config/base.json'], network: { allowedDomains: ['own.example'] } });
    const loaded = load();
    expect(loaded.sources).toEqual([shared, base, project]);
    expect(loaded.config.network!.allowedDomains).toEqual(['shared.example', 'own.example']);
    expect(loaded.config.sandbox).toEqual({ audit: false });
    expect(loaded.config.packages!['puppeteer@>=19']).toBeDefined();
  });

  it('detects a cycle and names the loop', () => {
    write(join(proj, 'a.json'), { extends: ['./b.json'] });
    write(join(proj, 'b.json'), '{\n  "extends": [\n    "./a.json"\n  ]\n}\n');
    write(join(proj, 'fence.json'), { extends: ['./a.json'] });
    const e = loadError();
    expect(e.file).toBe(join(proj, 'b.json'));
    expect([e.field, e.line]).toEqual(['extends[0]', 3]);
    expect(e.problem).toContain(`${join(proj, 'a.json')} -> ${join(proj, 'b.json')} -> ${join(proj, 'a.json')}`);
    expect(e.fix).toMatch(/remove one/);
  });

  it('detects a file extending itself and a missing extended file', () => {
    write(join(proj, 'fence.json'), { extends: ['./fence.json'] });
    expect(loadError().problem).toMatch(/cycle/);
    write(join(proj, 'fence.json'), { extends: ['npm', './missing.json'] });
    const e = loadError();
    expect([e.field, e.problem]).toEqual(['extends[1]', `"./missing.json" does not exist (${join(proj, 'missing.json')}).`]);
  });
});

describe('cache', () => {
  it('serves unchanged files from the cache and notices edits', () => {
    const cache = createConfigCache();
    const file = write(join(proj, 'fence.json'), { env: { allow: ['A'] } });
    const first = load({ cache });
    expect(load({ cache })).toEqual(first);
    // The returned config is a copy: mutating it does not poison the cache.
    first.config.env!.allow!.push('MUTATED');
    expect(load({ cache }).config).toEqual({ env: { allow: ['A'] } });
    write(file, { env: { allow: ['A', 'BB'] } });
    expect(load({ cache }).config).toEqual({ env: { allow: ['A', 'BB'] } });
  });
});
