import { describe, expect, it } from 'vitest';
import { hostOfUrl, hostsOf } from './url-host.js';

describe('hostOfUrl', () => {
  it('reads hosts from index, sparse, git and scp-like URLs', () => {
    expect(hostOfUrl('https://user:pw@Pkgs.Corp.test:8443/simple/')).toBe('pkgs.corp.test');
    expect(hostOfUrl('sparse+https://cargo.internal.test/index/')).toBe('cargo.internal.test');
    expect(hostOfUrl('git+https://git.test/a/b.git')).toBe('git.test');
    expect(hostOfUrl('ssh://git@git.test/a/b.git')).toBe('git.test');
    expect(hostOfUrl('git@git.test:a/b.git')).toBe('git.test');
    expect(hostOfUrl('http://[::1]:3141/root/pypi')).toBe('::1');
  });

  it('ignores paths, file URLs and junk', () => {
    expect(hostOfUrl('/opt/wheels')).toBeUndefined();
    expect(hostOfUrl('file:///opt/wheels')).toBeUndefined();
    expect(hostOfUrl('not a url')).toBeUndefined();
    expect(hostsOf(['https://a.test/x', 'https://a.test/y', '/local', 'https://b.test'])).toEqual(['a.test', 'b.test']);
  });
});
