import { describe, expect, it } from 'vitest';
import { checkConfigPath, checkDomainPattern, checkEnvGlob, checkExtendsEntry, checkPackageKey, checkProxyUrl, DOMAIN_SHAPE } from './index.js';

describe('checkDomainPattern', () => {
  it.each(['example.com', '*.example.com', 'a-b.example.co.uk', 'example.com:443', '*.example.com:8443', '127.0.0.1', '[::1]:8080', 'localhost', 'Example.COM'])(
    'accepts %s',
    (v) => {
      expect(checkDomainPattern(v, true)).toBeUndefined();
      expect(DOMAIN_SHAPE.test(v)).toBe(true);
    },
  );

  it.each([
    ['http://x.com', /URL/, /"x.com"/],
    ['https://user@x.com/path', /URL/, /"x.com"/],
    ['*.', /needs a domain/, /\*\.example\.com/],
    ['exa mple.com', /spaces/, /"example.com"/],
    ['*', /every host/, /list the hosts/],
    ['x.com/path', /path/, /"x.com"/],
    ['foo.*.com', /not a leading/, /leading wildcard/],
    ['*.com', /top-level domain/, /example\.com/],
    ['x.com:99999', /port/, /65535/],
    ['x..com', /empty label/, /letters/],
    ['-x.com', /invalid part/, /letters/],
    ['x.com.', /ends with a dot/, /"x.com"/],
    ['', /empty/, /remove/],
    ['999.1.1.1', /IPv4/, /0-255/],
  ])('rejects %s', (v, problem, fix) => {
    const r = checkDomainPattern(v, true);
    expect(r?.problem).toMatch(problem);
    expect(r?.fix).toMatch(fix);
  });

  it('allows a top-level wildcard and explains a bare * in deniedDomains', () => {
    expect(checkDomainPattern('*.ru', false)).toBeUndefined();
    expect(checkDomainPattern('*', false)?.fix).toMatch(/remove it/);
  });
});

describe('checkEnvGlob', () => {
  it.each(['MY_VAR', 'SHARP_*', 'npm_config_?', '_X'])('accepts %s', (v) => expect(checkEnvGlob(v, true)).toBeUndefined());
  it.each([
    ['$HOME', /\$/, /"HOME"/],
    ['A=B', /=/, /"A"/],
    ['A B', /spaces/, /"AB"/],
    ['1ABC', /not a variable name/, /digit/],
    ['FOO-BAR', /not a variable name/, /letters/],
    ['*', /every variable/, /list the names/],
  ])('rejects %s in allow', (v, problem, fix) => {
    const r = checkEnvGlob(v, true);
    expect(r?.problem).toMatch(problem);
    expect(r?.fix).toMatch(fix);
  });
  it('allows * in deny', () => expect(checkEnvGlob('*', false)).toBeUndefined());
});

describe('checkProxyUrl', () => {
  it.each(['http://proxy.corp:3128', 'https://user:pw@proxy.corp', 'http://[::1]:3128/'])('accepts %s', (v) => expect(checkProxyUrl(v)).toBeUndefined());
  it.each([
    ['proxy.corp:3128', /./],
    ['not a url', /not a URL/],
    ['socks5://proxy:1080', /only http/],
    ['http://proxy:3128/path', /path/],
  ])('rejects %s', (v, problem) => {
    const r = checkProxyUrl(v);
    expect(r?.problem).toMatch(problem);
    expect(r?.fix).toMatch(/proxy|http/);
  });
});

describe('checkPackageKey', () => {
  it.each(['esbuild', '@prisma/*', 'sharp@>=0.33', '@img/*@^1', '*', '@scope/name@1.x || >=3', 'lodash.merge', 'node-*', '@types/{node,react}'])(
    'accepts %s',
    (v) => expect(checkPackageKey(v)).toBeUndefined(),
  );
  it.each([
    ['Sharp', /uppercase/, /"sharp"/],
    ['my package', /spaces/, /"mypackage"/],
    ['@scope', /without "\/name"/, /"@scope\/\*"/],
    ['@scope@^1', /without "\/name"/, /"@scope\/\*"/],
    ['.hidden', /starting with "\."/, /remove/],
    ['_private', /starting with "_"/, /remove/],
    ['@scope/_x', /starting with "_"/, /remove/],
    ['foo/bar', /no `@scope`/, /@scope\/name/],
    ['na%me', /characters/, /lowercase/],
    ['sharp@>=banana', /not a semver range/, /"sharp@>=1.2.0"/],
    ['@img/*@^one', /not a semver range/, /@img\/\*@\^1/],
    ['sharp@', /no version range/, /add a range/],
    ['', /empty/, /esbuild/],
  ])('rejects %s', (v, problem, fix) => {
    const r = checkPackageKey(v);
    expect(r?.problem).toMatch(problem);
    expect(r?.fix).toMatch(fix);
  });
});

describe('checkConfigPath and checkExtendsEntry', () => {
  it.each(['~/.cache/x', './build', '$PKG/out', '/opt/tool', 'relative/dir', '**/*.log'])('accepts path %s', (v) => expect(checkConfigPath(v)).toBeUndefined());
  it.each([['', /empty/], ['~bob/x', /~user/], ['$HOME/x', /only a leading \$PKG/], ['$PKGX', /only a leading/]])('rejects path %s', (v, problem) =>
    expect(checkConfigPath(v)?.problem).toMatch(problem));

  it('knows profiles and suggests close names', () => {
    expect(checkExtendsEntry('npm')).toBeUndefined();
    expect(checkExtendsEntry('./base.json')).toBeUndefined();
    expect(checkExtendsEntry('shared.json')).toBeUndefined();
    const r = checkExtendsEntry('knwon-packages');
    expect(r?.problem).toMatch(/not a built-in profile\. Did you mean "known-packages"\?/);
    expect(r?.fix).toMatch(/"cargo"/);
  });
});
