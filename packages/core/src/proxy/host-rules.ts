import { domainToASCII } from 'node:url';
import { INVALID_IP, NOT_IP, parseIpLiteral, sameIp, type IpAddress } from './ip-literal.js';

/**
 * allowedDomains / deniedDomains entries:
 *   `example.com`        exactly that name, any port
 *   `*.example.com`      any subdomain, NOT example.com itself (as in Fence: list both to allow both)
 *   `example.com:8443`   only that port (also `*.example.com:8443`)
 *   `1.2.3.4`, `[::1]`, `[::1]:80`, `::1`   IP literals, compared in canonical form
 *   `*`                  any host name (IP literals still need to be listed)
 * Names compare case-insensitively, ignoring a trailing dot, after IDN-to-punycode conversion.
 */
export type HostRule =
  | { kind: 'name'; name: string; wildcard: boolean; port?: number }
  | { kind: 'any'; port?: number }
  | { kind: 'ip'; ip: IpAddress; port?: number };

/** A destination as the client named it, after parsing. */
export type Target = { kind: 'name'; name: string } | { kind: 'ip'; ip: IpAddress };

/** Lower-cases, drops one trailing dot and converts IDN to punycode; '' when not a valid name. */
export function normalizeHostName(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === '' || h.endsWith('.') || h.startsWith('.') || h.includes('..')) return '';
  const ascii = domainToASCII(h);
  if (ascii === '' || ascii.length > 253) return '';
  return ascii;
}

/** Parses what a client asked for; undefined when it is neither a name nor an address. */
export function parseTarget(host: string): Target | undefined {
  const ip = parseIpLiteral(host);
  if (ip === INVALID_IP) return undefined;
  if (ip !== NOT_IP) return { kind: 'ip', ip };
  const name = normalizeHostName(host);
  if (name === '') return undefined;
  // domainToASCII turns some numeric spellings into dotted quads: re-check.
  const again = parseIpLiteral(name);
  if (again === INVALID_IP) return undefined;
  if (again !== NOT_IP) return { kind: 'ip', ip: again };
  return { kind: 'name', name };
}

function splitPort(entry: string): { host: string; port?: number } | undefined {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return withPort(`[${bracketed[1]}]`, bracketed[2]);
  const colons = entry.split(':').length - 1;
  if (colons === 1) {
    const [host, port] = entry.split(':') as [string, string];
    return withPort(host, port);
  }
  return { host: entry }; // no colon, or a bare IPv6 address
}

function withPort(host: string, port: string | undefined): { host: string; port?: number } | undefined {
  if (port === undefined) return { host };
  if (!/^\d{1,5}$/.test(port)) return undefined;
  const n = Number(port);
  return n >= 1 && n <= 65535 ? { host, port: n } : undefined;
}

/** Parses one rule; undefined for an entry that can never match (config validation reports those). */
export function parseHostRule(entry: string): HostRule | undefined {
  const split = splitPort(entry.trim());
  if (!split) return undefined;
  const { host, port } = split;
  if (host === '*') return { kind: 'any', port };
  if (host.startsWith('*.')) {
    const name = normalizeHostName(host.slice(2));
    return name ? { kind: 'name', name, wildcard: true, port } : undefined;
  }
  const target = parseTarget(host);
  if (!target) return undefined;
  return target.kind === 'ip' ? { kind: 'ip', ip: target.ip, port } : { kind: 'name', name: target.name, wildcard: false, port };
}

export function ruleMatches(rule: HostRule, target: Target, port: number): boolean {
  if (rule.port !== undefined && rule.port !== port) return false;
  if (rule.kind === 'any') return target.kind === 'name';
  if (rule.kind === 'ip') return target.kind === 'ip' && sameIp(rule.ip, target.ip);
  if (target.kind !== 'name') return false;
  return rule.wildcard ? target.name.endsWith(`.${rule.name}`) : target.name === rule.name;
}

export type RuleVerdict = 'allowed' | 'denied' | 'not-listed';

/** Parsed rule lists, cached per array so that each connection does not re-parse the policy. */
const cache = new WeakMap<readonly string[], HostRule[]>();

function rulesOf(list: readonly string[]): HostRule[] {
  let rules = cache.get(list);
  if (!rules) {
    rules = list.map(parseHostRule).filter((r): r is HostRule => r !== undefined);
    cache.set(list, rules);
  }
  return rules;
}

/** Deny wins over allow; anything unlisted is not allowed. */
export function judgeTarget(target: Target, port: number, allowed: readonly string[], denied: readonly string[]): RuleVerdict {
  if (rulesOf(denied).some((r) => ruleMatches(r, target, port))) return 'denied';
  if (rulesOf(allowed).some((r) => ruleMatches(r, target, port))) return 'allowed';
  return 'not-listed';
}
