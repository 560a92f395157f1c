import net from 'node:net';

/**
 * IP address literals in every spelling a resolver or URL parser accepts, normalised so
 * that rules and refusals compare one canonical form. IPv4-mapped IPv6 (`::ffff:a.b.c.d`)
 * is folded into IPv4: it reaches the same host.
 */
export type IpAddress = { family: 4; value: number } | { family: 6; bytes: Uint8Array };

/** Not an IP literal: a host name. */
export const NOT_IP = null;
/** Looks numeric (ends in a number, like WHATWG URL) but is no valid address: refuse. */
export const INVALID_IP = 'invalid' as const;

export function parseIpLiteral(raw: string): IpAddress | typeof NOT_IP | typeof INVALID_IP {
  let host = raw.trim();
  if (host.startsWith('[')) {
    if (!host.endsWith(']')) return INVALID_IP;
    return parseIpv6(host.slice(1, -1)) ?? INVALID_IP;
  }
  if (host.includes(':')) return parseIpv6(host) ?? INVALID_IP;
  if (host.endsWith('.')) host = host.slice(0, -1);
  const parts = host.split('.');
  // inet_aton and URL parsers treat a name whose last label is a number as an IPv4 address.
  if (!isNumberPart(parts[parts.length - 1] ?? '')) return NOT_IP;
  return parseIpv4(parts) ?? INVALID_IP;
}

function isNumberPart(p: string): boolean {
  return /^(0x[0-9a-f]*|[0-9]+)$/i.test(p);
}

function parsePart(p: string): number | undefined {
  if (/^0x[0-9a-f]*$/i.test(p)) return p.length === 2 ? 0 : parseInt(p.slice(2), 16);
  if (/^0[0-7]+$/.test(p)) return parseInt(p.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(p)) return parseInt(p, 10);
  return undefined;
}

/** inet_aton forms: a, a.b (8.24), a.b.c (8.8.16), a.b.c.d; each part decimal, octal or hex. */
function parseIpv4(parts: string[]): IpAddress | undefined {
  if (parts.length < 1 || parts.length > 4) return undefined;
  const nums: number[] = [];
  for (const p of parts) {
    if (p.length > 40) return undefined;
    const n = parsePart(p);
    if (n === undefined || !Number.isFinite(n)) return undefined;
    nums.push(n);
  }
  const last = nums.pop() as number;
  if (nums.some((n) => n > 255)) return undefined;
  const lastBits = 8 * (4 - nums.length);
  if (last >= 2 ** lastBits) return undefined;
  let value = 0;
  nums.forEach((n, i) => (value += n * 2 ** (24 - 8 * i)));
  return { family: 4, value: value + last };
}

function parseIpv6(text: string): IpAddress | undefined {
  // Zone ids (`fe80::1%eth0`) have no meaning through a proxy.
  if (text.includes('%') || !net.isIPv6(text)) return undefined;
  let head = text;
  const tailWords: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const four = (v4[1] as string).split('.').map(Number);
    tailWords.push(((four[0] as number) << 8) | (four[1] as number), ((four[2] as number) << 8) | (four[3] as number));
    head = text.slice(0, -(v4[1] as string).length);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left, right] = head.includes('::') ? head.split('::') : [head, undefined];
  const words = (s: string | undefined) => (s ? s.split(':').filter((x) => x !== '').map((x) => parseInt(x, 16)) : []);
  const l = words(left);
  const r = [...words(right), ...tailWords];
  const fill = 8 - l.length - r.length;
  const all = right === undefined && !head.includes('::') ? [...l, ...tailWords] : [...l, ...new Array<number>(fill).fill(0), ...r];
  if (all.length !== 8) return undefined;
  const bytes = new Uint8Array(16);
  all.forEach((w, i) => {
    bytes[2 * i] = w >> 8;
    bytes[2 * i + 1] = w & 0xff;
  });
  // ::ffff:a.b.c.d is IPv4 on the wire.
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return { family: 4, value: bytes[12]! * 2 ** 24 + (bytes[13]! << 16) + (bytes[14]! << 8) + bytes[15]! };
  }
  return { family: 6, bytes };
}

/** Canonical text: dotted quad, or RFC 5952 compressed IPv6 (as Node prints it). */
export function formatIp(ip: IpAddress): string {
  if (ip.family === 4) {
    const v = ip.value;
    return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
  }
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(((ip.bytes[i]! << 8) | ip.bytes[i + 1]!).toString(16));
  // Let the URL parser do RFC 5952 compression rather than re-implementing it.
  return new URL(`http://[${words.join(':')}]/`).hostname.slice(1, -1);
}

export function sameIp(a: IpAddress, b: IpAddress): boolean {
  if (a.family === 4) return b.family === 4 && a.value === b.value;
  return b.family === 6 && a.bytes.every((x, i) => x === b.bytes[i]);
}
