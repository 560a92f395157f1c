import type { FenceEvent, ScriptIdentity } from '@fence/core';
import { readLogEvents } from './session-log.js';

/**
 * The line to print when a sandboxed script failed after the proxy refused one of its
 * connections: what was refused and where in fence.json to allow it.
 */
export function refusalHint(logPath: string | undefined, identity: ScriptIdentity, since: string): string | undefined {
  if (!logPath) return undefined;
  const refused = readLogEvents(logPath).filter(
    (e): e is Extract<FenceEvent, { type: 'network' }> =>
      e.type === 'network' && e.package === identity.name && e.event === identity.event && e.time >= since,
  );
  const ev = refused.at(-1);
  if (!ev) return undefined;
  const where = identity.kind === 'dependency' ? `packages["${identity.name}"].network.allowedDomains` : 'network.allowedDomains';
  const shown = ev.host.includes(':') ? `[${ev.host}]` : ev.host;
  if (ev.reason === 'local-address')
    return `fence: refused connection to ${shown}:${ev.port} (local address); to allow it set network.allowLocalOutbound in fence.json`;
  if (ev.reason === 'not-allowed' || ev.reason === 'ip-literal')
    return `fence: refused connection to ${shown}:${ev.port} (${ev.reason}); to allow it add "${ev.host}" to ${where} in fence.json`;
  return `fence: refused connection to ${shown}:${ev.port} (${ev.reason})`;
}
