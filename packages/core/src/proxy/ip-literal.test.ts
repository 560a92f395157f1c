import { describe, expect, it } from 'vitest';
import { classifyAddress } from './address-class.js';
import { formatIp, parseIpLiteral, type IpAddress } from './ip-literal.js';

function canon(s: string): string | null {
  const ip = parseIpLiteral(s);
  return ip === null || ip === 'invalid' ? ip : formatIp(ip);
}

describe('parseIpLiteral', () => {
  it.each([
    '127.0.0.1', '127.1', '127.0.1', '0x7f.0.0.1', '0x7F.1', '0177.0.0.1', '0177.1', '2130706433', '0x7f000001',
    '017700000001', '127.0.0.1.', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '::ffff:127.0.0.1', '[0:0:0:0:0:ffff:7f00:1]',
  ])('%s is 127.0.0.1', (s) => {
    expect(canon(s)).toBe('127.0.0.1');
  });

  it.each(['[::1]', '::1', '[0:0:0:0:0:0:0:1]', '[0000:0000::0001]'])('%s is ::1', (s) => {
    expect(canon(s)).toBe('::1');
  });

  it('parses other addresses', () => {
    expect(canon('169.254.169.254')).toBe('169.254.169.254');
    expect(canon('0xa9.0xfe.0xa9.0xfe')).toBe('169.254.169.254');
    expect(canon('[2001:DB8::1]')).toBe('2001:db8::1');
    expect(canon('1.2.3.4:80')).toBe('invalid');
    expect(canon('0')).toBe('0.0.0.0');
  });

  it('treats names as names and broken numbers as invalid', () => {
    expect(canon('example.com')).toBeNull();
    expect(canon('1.2.3.example')).toBeNull();
    expect(canon('256.1.1.1')).toBe('invalid');
    expect(canon('1.2.3.4.5')).toBe('invalid');
    expect(canon('08.1.1.1')).toBe('invalid');
    expect(canon('4294967296')).toBe('invalid');
    expect(canon('[::1')).toBe('invalid');
    expect(canon('[fe80::1%eth0]')).toBe('invalid');
  });
});

describe('classifyAddress', () => {
  const cls = (s: string) => classifyAddress(parseIpLiteral(s) as IpAddress);
  it.each([
    ['127.0.0.1', 'loopback'], ['127.255.1.2', 'loopback'], ['::1', 'loopback'], ['[::ffff:127.0.0.1]', 'loopback'],
    ['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.31.255.255', 'private'], ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'], ['fc00::1', 'private'], ['fd12::1', 'private'],
    ['169.254.169.254', 'link-local'], ['fe80::1', 'link-local'], ['0.0.0.0', 'unspecified'], ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'], ['ff02::1', 'multicast'], ['255.255.255.255', 'reserved'],
    ['64:ff9b::7f00:1', 'loopback'], ['::ffff:10.0.0.1', 'private'],
    ['8.8.8.8', 'public'], ['172.32.0.1', 'public'], ['2001:db8::1', 'public'],
  ])('%s is %s', (s, c) => {
    expect(cls(s)).toBe(c);
  });
});
