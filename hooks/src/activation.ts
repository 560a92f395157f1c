import { join } from 'node:path';
import { warn, type DebugLog } from './debug-log.js';
import type { LazyFetch } from './lazy-fetch.js';
import type { HttpLike, LazyHttp } from './lazy-http.js';
import type { routeFetch, routeHttp, RoutingOptions } from './net.js';

/** The shape of net.cjs; a type-only import keeps global-agent and undici out of preload.cjs. */
interface NetBundle {
  routeHttp: typeof routeHttp;
  routeFetch: typeof routeFetch;
}

export interface ActivationParts {
  /** Directory holding net.cjs (the preload bundle's own directory). */
  bundleDir: string;
  proxyUrl: string;
  noProxy: string | undefined;
  http: LazyHttp;
  fetch: LazyFetch;
  log: DebugLog;
  /** Loads a CommonJS file; the bundle's own `require`. */
  load: (path: string) => unknown;
}

/**
 * Returns the one-shot "first network use" callback. It loads net.cjs and installs the real routing exactly once;
 * later calls (and re-entrant ones while loading) return at once. A failure is reported and left at that: without
 * routing, connections fail inside the sandbox's network namespace, so the script is never less confined.
 */
export function createActivation(parts: ActivationParts): (reason: string) => void {
  let started = false;
  return (reason) => {
    if (started) return;
    started = true;
    parts.log(`first network use (${reason}): loading net.cjs`);
    try {
      // global-agent requires both modules; make sure our stand-ins sit on them first so routeWith can swap them.
      for (const name of ['http', 'https'] as const) {
        if (!parts.http.isPatched(name)) parts.http.patch(name, parts.load(name) as HttpLike);
      }
      const ownDispatcher = parts.fetch.releaseDispatcher();
      const options: RoutingOptions = { proxyUrl: parts.proxyUrl, noProxy: parts.noProxy, log: parts.log };
      parts.http.routeWith(() => {
        const net = parts.load(join(parts.bundleDir, 'net.cjs')) as NetBundle;
        net.routeHttp(options);
        if (ownDispatcher) net.routeFetch(options);
        else parts.log('the program set its own undici dispatcher; leaving it');
      });
      parts.log('routing installed');
    } catch (error) {
      warn(`could not route Node networking through the sandbox proxy: ${String(error)}`);
    }
  };
}
