/**
 * Entry of the lazily loaded `net.cjs` bundle: global-agent for http/https, undici for the global dispatcher.
 * Loaded at most once per process, on first network use (see activation.ts).
 */
import { bootstrap } from 'global-agent';
// The package index, not single lib/ files: ProxyAgent needs the API methods the index mixes into Dispatcher, and
// the saving of bypassing it measured small and noisy for a dependency on undici's internals.
import { EnvHttpProxyAgent, ProxyAgent, setGlobalDispatcher } from 'undici';

export interface RoutingOptions {
  proxyUrl: string;
  /** NO_PROXY-syntax list from the sandbox; undefined routes everything through the proxy. */
  noProxy: string | undefined;
  log: (message: string) => void;
}

/** What global-agent exposes as `globalThis.GLOBAL_AGENT`: its live proxy settings. */
interface ProxyController {
  HTTP_PROXY: string | null;
  HTTPS_PROXY: string | null;
  NO_PROXY: string | null;
}

/**
 * Routes `http`/`https` (request, get, the global agents, and explicitly passed agents: forceGlobalAgent) through
 * the proxy. The proxy URL goes straight into global-agent's controller rather than into GLOBAL_AGENT_* variables,
 * so the environment children inherit stays as the sandbox made it.
 */
export function routeHttp(options: RoutingOptions): void {
  const fresh = bootstrap({ forceGlobalAgent: true });
  const controller = (globalThis as { GLOBAL_AGENT?: ProxyController }).GLOBAL_AGENT;
  if (controller === undefined) return;
  if (!fresh) {
    // The program bootstrapped its own global-agent first: keep it, but make it use our proxy if it has none.
    options.log('global-agent already bootstrapped by the program; filling in the proxy only');
    controller.HTTP_PROXY ??= options.proxyUrl;
    controller.HTTPS_PROXY ??= options.proxyUrl;
    return;
  }
  controller.HTTP_PROXY = options.proxyUrl;
  controller.HTTPS_PROXY = options.proxyUrl;
  controller.NO_PROXY = options.noProxy ?? null;
}

/**
 * Makes the proxy undici's global dispatcher. undici tunnels every request with CONNECT, http:// ones included.
 * EnvHttpProxyAgent only when the sandbox named direct hosts: without `noProxy` it would read the inherited NO_PROXY.
 */
export function routeFetch(options: RoutingOptions): void {
  const dispatcher =
    options.noProxy === undefined
      ? new ProxyAgent({ uri: options.proxyUrl })
      : new EnvHttpProxyAgent({ httpProxy: options.proxyUrl, httpsProxy: options.proxyUrl, noProxy: options.noProxy });
  setGlobalDispatcher(dispatcher);
}
