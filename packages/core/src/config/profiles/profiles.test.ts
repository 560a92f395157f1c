import { describe, expect, it } from 'vitest';
import { validateConfig } from '../validate.js';
import { GITHUB_RELEASE_HOSTS, NODE_HEADERS_HOSTS, getProfile, profileNames } from './index.js';

describe('built-in profiles', () => {
  it('lists the profiles and every one passes validation', () => {
    expect(profileNames()).toEqual(['npm', 'pnpm', 'yarn', 'pip', 'cargo', 'known-packages']);
    for (const name of profileNames()) expect(() => validateConfig(getProfile(name), `profile:${name}`), name).not.toThrow();
  });

  it('returns fresh copies and undefined for unknown names', () => {
    getProfile('npm')!.filesystem!.allowWrite!.push('/evil');
    expect(getProfile('npm')!.filesystem!.allowWrite).not.toContain('/evil');
    expect(getProfile('nope')).toBeUndefined();
    expect(getProfile('toString')).toBeUndefined();
  });

  it('gives whole-command profiles their caches', () => {
    expect(getProfile('pnpm')!.filesystem!.allowWrite).toEqual(expect.arrayContaining(['.', '~/.cache/pnpm', '~/.local/share/pnpm']));
    expect(getProfile('yarn')!.filesystem!.allowWrite).toEqual(expect.arrayContaining(['.', '~/.yarn/berry']));
    expect(getProfile('pip')!.filesystem!.allowWrite).toContain('~/.cache/pip');
    expect(getProfile('cargo')!.filesystem!.allowRead).toEqual(['~/.rustup', '~/.cargo/bin']);
  });

  it('keys every known package with a version range and gives a sourced reason', () => {
    const packages = getProfile('known-packages')!.packages!;
    expect(Object.keys(packages).length).toBeGreaterThanOrEqual(15);
    for (const [key, entry] of Object.entries(packages)) {
      expect(key.lastIndexOf('@'), key).toBeGreaterThan(0);
      expect(entry.reason, key).toMatch(/Source: https:\/\/\S+$/);
      expect(Array.isArray(entry.network?.allowedDomains), key).toBe(true);
    }
    expect(packages['esbuild@>=0.15']!.network!.allowedDomains).toEqual([]);
    expect(packages['electron@>=1']!.network!.allowedDomains).toEqual([...GITHUB_RELEASE_HOSTS]);
    expect(NODE_HEADERS_HOSTS).toEqual(['nodejs.org']);
  });
});
