import { describe, expect, it } from 'vitest';
import { judgeTarget, normalizeHostName, parseTarget, type Target } from './host-rules.js';

function judge(host: string, port: number, allowed: string[], denied: string[] = []) {
  return judgeTarget(parseTarget(host) as Target, port, allowed, denied);
}

describe('host rules', () => {
  it('matches exact names case-insensitively, ignoring a trailing dot', () => {
    expect(judge('Example.COM', 443, ['example.com'])).toBe('allowed');
    expect(judge('example.com.', 443, ['example.com'])).toBe('allowed');
    expect(judge('example.com', 443, ['EXAMPLE.com.'])).toBe('allowed');
    expect(judge('other.com', 443, ['example.com'])).toBe('not-listed');
    expect(judge('badexample.com', 443, ['example.com'])).toBe('not-listed');
  });

  it('wildcards match subdomains only, not the apex', () => {
    expect(judge('a.example.com', 443, ['*.example.com'])).toBe('allowed');
    expect(judge('a.b.example.com', 443, ['*.example.com'])).toBe('allowed');
    expect(judge('example.com', 443, ['*.example.com'])).toBe('not-listed');
    expect(judge('evilexample.com', 443, ['*.example.com'])).toBe('not-listed');
  });

  it('limits ports when the rule names one', () => {
    expect(judge('example.com', 8443, ['example.com:8443'])).toBe('allowed');
    expect(judge('example.com', 443, ['example.com:8443'])).toBe('not-listed');
    expect(judge('a.example.com', 22, ['*.example.com:22'])).toBe('allowed');
    expect(judge('a.example.com', 23, ['*.example.com:22'])).toBe('not-listed');
  });

  it('deny wins over allow', () => {
    expect(judge('a.example.com', 443, ['*.example.com'], ['a.example.com'])).toBe('denied');
    expect(judge('b.example.com', 443, ['*.example.com'], ['a.example.com'])).toBe('allowed');
    expect(judge('x.example.com', 443, ['*'], ['*.example.com'])).toBe('denied');
    expect(judge('x.example.com', 80, ['*.example.com'], ['*.example.com:80'])).toBe('denied');
  });

  it('converts IDN to punycode on both sides', () => {
    expect(normalizeHostName('Bücher.de')).toBe('xn--bcher-kva.de');
    expect(judge('bücher.de', 443, ['xn--bcher-kva.de'])).toBe('allowed');
    expect(judge('xn--bcher-kva.de', 443, ['BÜCHER.de'])).toBe('allowed');
  });

  it('IP literals match only listed IPs, in any spelling', () => {
    expect(judge('127.1', 80, ['*'])).toBe('not-listed');
    expect(judge('127.1', 80, ['127.0.0.1'])).toBe('allowed');
    expect(judge('[::ffff:7f00:1]', 80, ['127.0.0.1:80'])).toBe('allowed');
    expect(judge('[0:0:0:0:0:0:0:1]', 80, ['[::1]'])).toBe('allowed');
    expect(judge('::1', 80, ['::1'])).toBe('allowed');
    expect(judge('::1', 81, ['[::1]:80'])).toBe('not-listed');
    expect(judge('2130706433', 80, ['example.com'], ['127.0.0.1'])).toBe('denied');
  });

  it('rejects malformed hosts', () => {
    expect(parseTarget('')).toBeUndefined();
    expect(parseTarget('a..b')).toBeUndefined();
    expect(parseTarget('a b')).toBeUndefined();
    expect(parseTarget('999.1.1.1')).toBeUndefined();
  });
});
