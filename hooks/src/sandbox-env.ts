/**
 * What the sandbox tells the preload through the environment. The sandbox (core) sets these; nothing else should.
 */

/** The proxy URL (`http://127.0.0.1:<port>`, optionally with credentials). Without it the preload does nothing. */
export const PROXY_ENV = 'FENCE_SANDBOX_PROXY';
/**
 * Hosts that go direct, in NO_PROXY syntax. Only this variable counts, never a plain NO_PROXY: a NO_PROXY inherited
 * from the user's shell must not quietly send traffic around the proxy (it would just fail in the netns, confusingly).
 */
export const NO_PROXY_ENV = 'FENCE_SANDBOX_NO_PROXY';
/** Set to 1 to log lazy loading and routing decisions to stderr. */
export const DEBUG_ENV = 'FENCE_PRELOAD_DEBUG';

export interface SandboxProxyEnv {
  proxyUrl: string;
  noProxy: string | undefined;
  debug: boolean;
}

/** Reads the sandbox's proxy settings; undefined when not inside a Fence sandbox. */
export function readSandboxProxyEnv(env: NodeJS.ProcessEnv): SandboxProxyEnv | undefined {
  const proxyUrl = env[PROXY_ENV];
  if (!proxyUrl) return undefined;
  const noProxy = env[NO_PROXY_ENV] || undefined;
  return { proxyUrl, noProxy, debug: env[DEBUG_ENV] === '1' };
}
