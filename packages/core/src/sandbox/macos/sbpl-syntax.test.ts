import { describe, expect, it } from 'vitest';
import { escapeRegex, globToRegex, isGlobPath, sbplString } from './sbpl-syntax.js';

const matches = (glob: string, path: string) => new RegExp(`^${globToRegex(glob)}$`).test(path);

describe('sbplString', () => {
  it('escapes backslashes and quotes', () => {
    expect(sbplString('/a b/c')).toBe('"/a b/c"');
    expect(sbplString('/say "hi"')).toBe('"/say \\"hi\\""');
    expect(sbplString('/back\\slash')).toBe('"/back\\\\slash"');
    expect(sbplString("/it's")).toBe('"/it\'s"');
  });

  it('refuses control characters, which could smuggle a rule onto a new line', () => {
    expect(() => sbplString('/a\n(allow default)')).toThrow(/control character/);
    expect(() => sbplString('/a\u0000')).toThrow(/control character/);
  });
});

describe('globs', () => {
  it('treats only * and ? as glob markers', () => {
    expect(isGlobPath('/p/*.pem')).toBe(true);
    expect(isGlobPath('/p/a?c')).toBe(true);
    expect(isGlobPath('/p/[work]/{x}/it!s')).toBe(false);
  });

  it('escapes regex metacharacters of literal text', () => {
    expect(escapeRegex('a.b(c)[d]{e}+f|g^h$i\\j*?')).toBe('a\\.b\\(c\\)\\[d\\]\\{e\\}\\+f\\|g\\^h\\$i\\\\j\\*\\?');
    expect(new RegExp(`^${escapeRegex('/x/a.b(1)')}$`).test('/x/a.b(1)')).toBe(true);
    expect(new RegExp(`^${escapeRegex('/x/a.b(1)')}$`).test('/x/aXb(1)')).toBe(false);
  });

  it('translates *, **, ?, [..] and {a,b}', () => {
    expect(matches('/p/**/.env*', '/p/.env')).toBe(true);
    expect(matches('/p/**/.env*', '/p/a/b/.env.local')).toBe(true);
    expect(matches('/p/**/.env*', '/p/x.env')).toBe(false);
    expect(matches('/p/*.pem', '/p/key.pem')).toBe(true);
    expect(matches('/p/*.pem', '/p/sub/key.pem')).toBe(false);
    expect(matches('/p/build-?', '/p/build-1')).toBe(true);
    expect(matches('/p/build-?', '/p/build-12')).toBe(false);
    expect(matches('/p/[ab].txt', '/p/a.txt')).toBe(true);
    expect(matches('/p/[!ab].txt', '/p/a.txt')).toBe(false);
    expect(matches('/p/[!ab].txt', '/p/c.txt')).toBe(true);
    expect(matches('/p/{.github,.gitlab}/**', '/p/.gitlab/ci.yml')).toBe(true);
    expect(matches('/p/{.github,.gitlab}/**', '/p/.gitx/ci.yml')).toBe(false);
    expect(matches('/p/a.b*', '/p/aXb')).toBe(false);
  });

  it('refuses unbalanced braces', () => {
    expect(() => globToRegex('/p/{a,b*')).toThrow(/unbalanced/);
  });
});
