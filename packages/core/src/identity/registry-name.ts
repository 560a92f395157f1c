/**
 * Package name from a registry tarball URL (`<registry>/<name>/-/<base>-<version>.tgz`,
 * scoped names possibly %2f-encoded). Undefined for anything else (file:, git, aliases to paths).
 */
export function nameFromResolved(resolved: string | undefined): string | undefined {
  if (!resolved || !/^https?:\/\//.test(resolved)) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(new URL(resolved).pathname);
  } catch {
    return undefined;
  }
  const m = /\/((?:@[^/]+\/)?[^/@][^/]*)\/-\/[^/]+\.tgz$/.exec(path);
  return m?.[1];
}
