import type { ProxyContext, RefusalEvent } from './types.js';

/** The one line a blocked script sees: what was blocked, why, and the exact config line that allows it. */
export function refusalMessage(ev: Pick<RefusalEvent, 'host' | 'port' | 'reason'>, ctx: ProxyContext): string {
  const shown = ev.host.includes(':') ? `[${ev.host}]` : ev.host;
  const head = `fence: blocked ${shown}:${ev.port} (${ev.reason}).`;
  const id = ctx.identity;
  const isDependency = id !== undefined && (id.kind === undefined || id.kind === 'dependency');
  const where = isDependency ? `packages["${id.name}"].network.allowedDomains` : 'network.allowedDomains';
  switch (ev.reason) {
    case 'not-allowed':
    case 'ip-literal':
      return `${head} To allow it, add "${ev.host}" to ${where} in fence.json`;
    case 'denied':
      return `${head} It is listed in network.deniedDomains in fence.json`;
    case 'local-address':
      return `${head} It resolves to a local or private address; set network.allowLocalOutbound in fence.json to allow that`;
    case 'dns':
      return `${head} The name does not resolve`;
    default:
      return `${head} The request does not name a valid destination`;
  }
}
