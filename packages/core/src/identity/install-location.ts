import { sep } from 'node:path';

export interface InstallLocation {
  /** Package name as given by where it sits: `node_modules/<name>` or `node_modules/@scope/<name>`. */
  name: string;
  /** Everything before the first node_modules (or before `.yarn/unplugged`): the project that installed it. */
  projectRoot: string;
  /** From pnpm's virtual store dir name (`.pnpm/<name>@<version>_<peers>`), when present. */
  storeVersion?: string;
}

/** Reads a package's identity from its install path; undefined when it is not under node_modules. */
export function installLocation(dir: string): InstallLocation | undefined {
  const parts = dir.split(sep);
  const first = parts.indexOf('node_modules');
  if (first < 0) return undefined;
  const last = parts.lastIndexOf('node_modules');
  const rest = parts.slice(last + 1);
  if (rest.length === 0 || !rest[0]) return undefined;
  const scoped = rest[0].startsWith('@');
  if (scoped && rest.length < 2) return undefined;
  // Only the package dir itself: a script in a sub-directory still belongs to the package, but we
  // refuse to guess and treat deeper paths as their top package dir.
  const name = scoped ? `${rest[0]}/${rest[1]}` : rest[0];
  // Yarn PnP unplugs packages with build scripts to <project>/.yarn/unplugged/<name>-<hash>/node_modules/<name>.
  const unplugged = parts.findIndex((p, i) => p === '.yarn' && parts[i + 1] === 'unplugged' && i + 3 === first);
  const rootEnd = unplugged >= 0 ? unplugged : first;
  const loc: InstallLocation = { name, projectRoot: parts.slice(0, rootEnd).join(sep) || sep };
  const pnpmIdx = parts.indexOf('.pnpm');
  if (pnpmIdx > 0 && pnpmIdx + 1 < parts.length) {
    const entry = parts[pnpmIdx + 1]!.replace(/\+/g, '/').split('_')[0]!;
    const at = entry.lastIndexOf('@');
    const version = entry.slice(at + 1);
    // Only a registry version is a fact to check; `file:`/`link:`/git entries name a source, not a version.
    if (at > 0 && entry.slice(0, at) === name && /^\d+\.\d+\.\d+/.test(version)) loc.storeVersion = version;
  }
  return loc;
}

/** The directory of the package a path belongs to (the path itself for a package dir). */
export function packageDirOf(dir: string): string {
  const parts = dir.split(sep);
  const last = parts.lastIndexOf('node_modules');
  if (last < 0) return dir;
  const scoped = parts[last + 1]?.startsWith('@');
  return parts.slice(0, last + (scoped ? 3 : 2)).join(sep);
}
