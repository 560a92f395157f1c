import type { IpAddress } from './ip-literal.js';

/** What kind of destination an address is; everything but `public` needs allowLocalOutbound. */
export type AddressClass = 'public' | 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved';

type V4Range = [base: number, bits: number, cls: AddressClass];

const V4_RANGES: V4Range[] = [
  [0x00000000, 8, 'unspecified'], // 0.0.0.0/8 "this network" reaches the local host on Linux
  [0x7f000000, 8, 'loopback'],
  [0x0a000000, 8, 'private'],
  [0xac100000, 12, 'private'],
  [0xc0a80000, 16, 'private'],
  [0x64400000, 10, 'private'], // carrier-grade NAT
  [0xa9fe0000, 16, 'link-local'], // includes 169.254.169.254, the cloud metadata service
  [0xe0000000, 4, 'multicast'],
  [0xf0000000, 4, 'reserved'], // includes 255.255.255.255
];

function classifyV4(value: number): AddressClass {
  for (const [base, bits, cls] of V4_RANGES) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if (((value & mask) >>> 0) === base) return cls;
  }
  return 'public';
}

function embeddedV4(b: Uint8Array, offset: number): number {
  return b[offset]! * 2 ** 24 + (b[offset + 1]! << 16) + (b[offset + 2]! << 8) + b[offset + 3]!;
}

export function classifyAddress(ip: IpAddress): AddressClass {
  if (ip.family === 4) return classifyV4(ip.value);
  const b = ip.bytes;
  const zeroTo = (n: number) => b.subarray(0, n).every((x) => x === 0);
  if (zeroTo(15)) return b[15] === 0 ? 'unspecified' : b[15] === 1 ? 'loopback' : 'reserved';
  // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) carry an IPv4 destination.
  if (zeroTo(12)) return classifyV4(embeddedV4(b, 12));
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && b.subarray(4, 12).every((x) => x === 0)) {
    return classifyV4(embeddedV4(b, 12));
  }
  if ((b[0]! & 0xfe) === 0xfc) return 'private';
  if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'link-local';
  if (b[0] === 0xff) return 'multicast';
  return 'public';
}
