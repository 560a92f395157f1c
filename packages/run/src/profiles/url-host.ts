/**
 * The host name a package-index or git URL points at, or undefined. Accepts
 * cargo's `sparse+https://`, `git+https://`, `ssh://user@host/..` and scp-like
 * `git@host:path`; drops user info and port (the proxy judges names).
 */
export function hostOfUrl(raw: string): string | undefined {
  const s = raw.trim().replace(/^(sparse|git|registry)\+/, '');
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)/.exec(s);
  if (scp) return scp[1]!.toLowerCase();
  try {
    const u = new URL(s);
    if (u.protocol === 'file:' || !u.hostname) return undefined;
    return u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return undefined;
  }
}

/** Hosts of every URL, in order, without repeats. */
export function hostsOf(urls: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    const h = hostOfUrl(u);
    if (h) out.add(h);
  }
  return [...out];
}
