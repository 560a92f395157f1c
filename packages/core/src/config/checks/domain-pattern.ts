import type { CheckResult } from './check-result.js';

/**
 * Loose shape every accepted pattern has; the JSON Schema uses it as `pattern`, and the
 * checker below only accepts strings that also match it, so the two cannot disagree.
 */
export const DOMAIN_SHAPE = /^(\*\.)?[A-Za-z0-9_.\-[\]:]+$/;

const LABEL = /^[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?$/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

function splitPort(value: string): { host: string; port?: string } | CheckResult {
  if (value.startsWith('[')) {
    const end = value.indexOf(']');
    if (end < 0) return { problem: 'has an unclosed `[` (IPv6 address).', fix: 'write it like "[::1]:8080".' };
    const rest = value.slice(end + 1);
    if (rest && !rest.startsWith(':')) return { problem: 'has text after the IPv6 address.', fix: 'write it like "[::1]:8080".' };
    return rest ? { host: value.slice(0, end + 1), port: rest.slice(1) } : { host: value.slice(0, end + 1) };
  }
  const colon = value.lastIndexOf(':');
  if (colon < 0) return { host: value };
  if (value.indexOf(':') !== colon) return { problem: 'looks like an IPv6 address without brackets.', fix: 'write it in brackets, like "[::1]".' };
  return { host: value.slice(0, colon), port: value.slice(colon + 1) };
}

/** Checks one entry of allowedDomains (`allowed`) or deniedDomains. */
export function checkDomainPattern(value: string, allowed: boolean): CheckResult {
  if (value.trim() === '') return { problem: 'is empty.', fix: 'remove it or write a host like "example.com".' };
  if (/\s/.test(value)) return { problem: 'contains spaces.', fix: `write the host without spaces: "${value.replace(/\s+/g, '')}".` };
  if (value.includes('://')) {
    let host = value.slice(value.indexOf('://') + 3).split('/')[0] ?? '';
    host = host.replace(/^[^@]*@/, '');
    return { problem: 'is a URL, not a host pattern.', fix: `write only the host: "${host || 'example.com'}".` };
  }
  if (value.includes('/')) return { problem: 'contains a path; hosts are matched, not URLs.', fix: `write only the host: "${value.split('/')[0]}".` };
  if (/^\*+$/.test(value)) {
    return allowed
      ? { problem: 'a bare `*` would allow every host, which defeats the proxy.', fix: 'list the hosts scripts need, e.g. "*.example.com".' }
      : { problem: 'a bare `*` is what happens anyway: hosts not in allowedDomains are refused.', fix: 'remove it.' };
  }
  const split = splitPort(value);
  if (!split || !('host' in split)) return split;
  const { host, port } = split;
  if (port !== undefined) {
    const n = Number(port);
    if (!/^\d{1,5}$/.test(port) || n < 1 || n > 65535) return { problem: `has an invalid port "${port}".`, fix: 'use a port from 1 to 65535, like "example.com:443".' };
  }
  let name = host;
  const wildcard = name.startsWith('*.');
  if (wildcard) name = name.slice(2);
  if (wildcard && name === '') return { problem: '`*.` needs a domain after it.', fix: 'write it like "*.example.com".' };
  if (name.includes('*')) return { problem: 'has a `*` that is not a leading `*.`.', fix: 'only a leading wildcard is supported: "*.example.com".' };
  if (name.startsWith('[')) {
    if (wildcard) return { problem: 'puts a wildcard before an IP address.', fix: 'remove the `*.`.' };
    return /^\[[0-9a-f:.]+\]$/i.test(name) ? undefined : { problem: 'is not a valid IPv6 address.', fix: 'write it like "[::1]".' };
  }
  if (IPV4.test(name)) {
    if (wildcard) return { problem: 'puts a wildcard before an IP address.', fix: 'remove the `*.`.' };
    return name.split('.').every((o) => Number(o) <= 255) ? undefined : { problem: 'is not a valid IPv4 address.', fix: 'each part must be 0-255.' };
  }
  if (name.endsWith('.')) return { problem: 'ends with a dot.', fix: `remove it: "${value.replace(/\.(?=(:\d+)?$)/, '')}".` };
  if (name.length > 253) return { problem: 'is longer than a host name can be (253).', fix: 'check the value.' };
  const labels = name.split('.');
  const bad = labels.find((l) => !LABEL.test(l));
  if (bad !== undefined) {
    return { problem: bad === '' ? 'has an empty label (`..` or a leading dot).' : `has an invalid part "${bad}".`, fix: 'host names use letters, digits and `-` between dots, like "cdn.example.com".' };
  }
  if (allowed && wildcard && labels.length === 1) {
    return { problem: 'would allow a whole top-level domain.', fix: `name the domain: "*.example.${name}".` };
  }
  if (!DOMAIN_SHAPE.test(value)) return { problem: 'is not a host pattern.', fix: 'write a host like "example.com" or "*.example.com".' };
  return undefined;
}
