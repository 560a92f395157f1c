import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { childPath } from './field-path.js';
import { FENCE_CONFIG_SPEC, type FieldSpec } from './schema-source.js';
import type { FenceConfig } from './types.js';
import { validateConfig } from './validate.js';

function failure(raw: unknown, source?: string): ConfigError {
  try {
    validateConfig(raw, 'fence.json', source);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    expect(e.file).toBe('fence.json');
    expect(e.field).not.toBe('');
    expect(e.fix).not.toBe('');
    return e;
  }
  throw new Error('expected a ConfigError');
}

function validateText(text: string): ConfigError {
  return failure(JSON.parse(text), text);
}

/** Every field of the spec set once: typed as FenceConfig, so types.ts and the spec must agree. */
const EVERYTHING: FenceConfig = {
  $schema: './node_modules/@fence/core/fence.schema.json',
  extends: ['npm', './base.json'],
  network: {
    allowedDomains: ['example.com', '*.example.org:443'],
    deniedDomains: ['bad.example.com'],
    allowLocalOutbound: false,
    allowLocalBinding: true,
    upstreamProxy: 'http://proxy.corp.example:3128',
  },
  filesystem: { denyRead: ['~/secrets'], allowRead: ['~/.rustup'], allowWrite: ['./build'], denyWrite: ['./src'] },
  env: { allow: ['SHARP_*'], deny: ['MY_SECRET'] },
  scripts: { runByHand: 'host' },
  sandbox: { allowWeaker: false, seccomp: true, denyUnixSockets: true, audit: false },
  packages: {
    'sharp@>=0.33': {
      network: { allowedDomains: ['github.com'], deniedDomains: ['x.example'], allowLocalOutbound: true, allowLocalBinding: true, upstreamProxy: 'http://p.example' },
      filesystem: { denyRead: ['a'], allowRead: ['b'], allowWrite: ['$PKG/out'], denyWrite: ['c'] },
      env: { allow: ['A'], deny: ['B'] },
      reason: 'libvips',
    },
  },
};

function specPaths(spec: FieldSpec, prefix: string, out: string[]): string[] {
  if (spec.type === 'object') for (const [k, v] of Object.entries(spec.fields)) specPaths(v, prefix ? `${prefix}.${k}` : k, out.concat()).forEach((p) => out.push(p));
  else if (spec.type === 'map') specPaths(spec.values, `${prefix}.*`, []).forEach((p) => out.push(p));
  else out.push(prefix);
  return [...new Set(out)];
}

function valueAt(config: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => {
    if (typeof v !== 'object' || v === null) return undefined;
    return k === '*' ? Object.values(v)[0] : (v as Record<string, unknown>)[k];
  }, config);
}

describe('validateConfig', () => {
  it('accepts every field, and the spec has no field types.ts lacks', () => {
    expect(validateConfig(EVERYTHING, 'fence.json')).toEqual(EVERYTHING);
    for (const path of specPaths(FENCE_CONFIG_SPEC, '', [])) expect(valueAt(EVERYTHING, path), path).not.toBeUndefined();
  });

  it('accepts a Fence-format config unchanged', () => {
    const fence = {
      network: { allowedDomains: ['github.com', '*.npmjs.org'], deniedDomains: ['evil.example'], allowLocalBinding: true },
      filesystem: { denyRead: ['~/.ssh'], allowWrite: ['.', '/tmp'], denyWrite: ['.env'] },
    };
    const copy = structuredClone(fence);
    expect(validateConfig(copy, 'fence.json')).toEqual(fence);
    expect(copy).toEqual(fence);
  });

  it('names an unknown key with line:column and a suggestion (the documented message)', () => {
    const text = '{\n  "network": {\n    "allowedDomans": ["a.com"]\n  }\n}\n';
    const e = validateText(text);
    expect(e.message).toBe('fence.json:3:5: network.allowedDomans: unknown key. Did you mean "allowedDomains"? Fix: rename it.');
    expect([e.field, e.line, e.column]).toEqual(['network.allowedDomans', 3, 5]);
  });

  it('lists allowed keys when nothing is close', () => {
    const e = failure({ sandbox: { frobnicate: true } });
    expect(e.field).toBe('sandbox.frobnicate');
    expect(e.fix).toMatch(/allowWeaker, seccomp, denyUnixSockets, audit/);
  });

  it('reports wrong types with a fix', () => {
    expect(failure({ network: { allowedDomains: 'a.com' } }).fix).toBe('wrap it in a list: ["a.com"].');
    expect(failure({ sandbox: { seccomp: 'false' } }).fix).toBe('write false without quotes.');
    expect(failure({ network: [] }).problem).toBe('expected an object, found a list.');
    expect(failure([]).field).toBe('(top level)');
    const e = failure({ filesystem: { allowWrite: ['.', 3] } });
    expect([e.field, e.problem]).toEqual(['filesystem.allowWrite[1]', 'expected a string, found a number.']);
  });

  it('reports a bad enum value with a suggestion', () => {
    const e = failure({ scripts: { runByHand: 'sandboxed' } });
    expect(e.field).toBe('scripts.runByHand');
    expect(e.problem).toMatch(/Did you mean "sandbox"\?/);
    expect(e.fix).toBe('use one of "sandbox", "host".');
  });

  it('reports an unknown profile in extends', () => {
    const e = validateText('{\n  "extends": ["npm", "pnmp"]\n}');
    expect([e.field, e.line]).toEqual(['extends[1]', 2]);
    expect(e.problem).toMatch(/Did you mean "pnpm"\?/);
  });

  it.each([
    ['http://x.com', /URL/],
    ['*.', /needs a domain/],
    ['a b.com', /spaces/],
    ['*', /every host/],
  ])('reports invalid domain pattern %s at its index', (bad, problem) => {
    const e = validateText(`{"network":{"allowedDomains":["ok.com","ok2.com",${JSON.stringify(bad)}]}}`);
    expect(e.field).toBe('network.allowedDomains[2]');
    expect(e.problem).toMatch(problem);
    expect(e.line).toBe(1);
  });

  it('reports a bad upstreamProxy and env glob', () => {
    expect(failure({ network: { upstreamProxy: 'socks5://p:1080' } }).field).toBe('network.upstreamProxy');
    expect(failure({ env: { allow: ['$TOKEN'] } }).fix).toBe('write the bare name: "TOKEN".');
  });

  it.each([
    ['Sharp', /uppercase/],
    ['my pkg', /spaces/],
    ['@scope', /without "\/name"/],
    ['.dot', /starting with "\."/],
    ['_under', /starting with "_"/],
    ['a+b', /characters/],
    ['sharp@>=zero', /not a semver range/],
  ])('reports packages key %s', (key, problem) => {
    const text = `{\n  "packages": {\n    ${JSON.stringify(key)}: { "reason": "x" }\n  }\n}`;
    const e = validateText(text);
    expect(e.field).toBe(childPath('packages', key));
    expect(e.problem).toMatch(problem);
    expect([e.line, e.column]).toEqual([3, 5]);
  });

  it('checks inside packages entries too', () => {
    const e = failure({ packages: { esbuild: { network: { allowedDomain: [] } } } });
    expect(e.field).toBe('packages.esbuild.network.allowedDomain');
  });

  it('collects every problem into one multi-line message', () => {
    const e = failure({ network: { allowedDomains: ['*'] }, scripts: { runByHand: 'x' }, nope: 1 });
    expect(e.problems).toHaveLength(3);
    expect(e.message.split('\n')).toHaveLength(4);
    expect(e.message).toMatch(/^3 problems/);
  });
});
