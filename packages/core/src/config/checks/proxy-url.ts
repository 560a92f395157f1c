import type { CheckResult } from './check-result.js';

/** Checks network.upstreamProxy: an http(s) URL of a proxy, nothing after the port. */
export function checkProxyUrl(value: string): CheckResult {
  const example = 'write it like "http://proxy.example:3128".';
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { problem: 'is not a URL.', fix: example };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { problem: `uses "${url.protocol}"; only http:// and https:// proxies are supported.`, fix: example };
  }
  if (!url.hostname) return { problem: 'has no host.', fix: example };
  if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    return { problem: 'has a path, query or fragment; a proxy URL is only scheme, host and port.', fix: `write "${url.protocol}//${url.host}".` };
  }
  return undefined;
}
