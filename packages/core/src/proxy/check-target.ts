import { classifyAddress } from './address-class.js';
import { judgeTarget, parseTarget } from './host-rules.js';
import { formatIp, parseIpLiteral, type IpAddress } from './ip-literal.js';
import type { ProxyContext, RefusalReason } from './types.js';

export type Decision =
  | {
      ok: true;
      /** Canonical host for logs and messages. */
      host: string;
      port: number;
      /** What to connect to: the exact address that was checked, or the name when an upstream proxy resolves it. */
      connectHost: string;
    }
  | { ok: false; host: string; port: number; reason: RefusalReason };

export function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/**
 * Decides whether a client may reach host:port. The address returned is the one that was
 * checked, so the caller connects to it without a second lookup (no DNS rebinding window).
 */
export async function checkTarget(rawHost: string, port: number, ctx: ProxyContext): Promise<Decision> {
  const target = parseTarget(rawHost);
  const host = !target ? rawHost.slice(0, 255).replace(/[^\x20-\x7e]/g, '?') : target.kind === 'ip' ? formatIp(target.ip) : target.name;
  const refuse = (reason: RefusalReason): Decision => ({ ok: false, host, port, reason });
  if (!target) return refuse('bad-host');
  if (!validPort(port)) return refuse('bad-port');
  const { allowedDomains, deniedDomains, upstreamProxy, allowLocalOutbound } = ctx.policy;
  const verdict = judgeTarget(target, port, allowedDomains, deniedDomains);
  if (verdict === 'denied') return refuse('denied');
  if (verdict === 'not-listed') return refuse(target.kind === 'ip' ? 'ip-literal' : 'not-allowed');
  // An IP literal that passed was listed explicitly: that is the user's choice, even for loopback.
  if (target.kind === 'ip') return { ok: true, host, port, connectHost: host };
  // The corporate proxy resolves names itself; local DNS may not even know them.
  if (upstreamProxy) return { ok: true, host, port, connectHost: host };
  let resolved;
  try {
    resolved = await ctx.resolver.resolve(target.name);
  } catch {
    return refuse('dns');
  }
  const addresses = resolved.addresses
    .map((a) => parseIpLiteral(a))
    .filter((a): a is IpAddress => a !== null && a !== 'invalid');
  if (addresses.length === 0) return refuse('dns');
  if (resolved.testMapped || allowLocalOutbound) return { ok: true, host, port, connectHost: formatIp(addresses[0]!) };
  const publicAddress = addresses.find((a) => classifyAddress(a) === 'public');
  if (!publicAddress) return refuse('local-address');
  return { ok: true, host, port, connectHost: formatIp(publicAddress) };
}
