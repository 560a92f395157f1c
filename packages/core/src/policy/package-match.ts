import picomatch from 'picomatch';
import semver from 'semver';
import type { PackageConfig } from '../config/types.js';

/** Splits `name@range` (the first `@` of a scoped name is part of the name). */
export function splitPackageKey(key: string): { glob: string; range?: string } {
  const at = key.lastIndexOf('@');
  if (at <= 0) return { glob: key };
  return { glob: key.slice(0, at), range: key.slice(at + 1) };
}

/** The `packages` entries that apply to a package, in the order they were written. */
export function matchingPackageEntries(
  packages: Record<string, PackageConfig> | undefined,
  name: string,
  version: string | undefined,
): Array<[string, PackageConfig]> {
  if (!packages) return [];
  const out: Array<[string, PackageConfig]> = [];
  for (const [key, entry] of Object.entries(packages)) {
    const { glob, range } = splitPackageKey(key);
    if (!picomatch.isMatch(name, glob, { dot: true })) continue;
    if (range && (!version || !semver.satisfies(version, range, { includePrerelease: true }))) continue;
    out.push([key, entry]);
  }
  return out;
}
