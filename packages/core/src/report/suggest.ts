import { existsSync } from 'node:fs';
import { dirname, isAbsolute, relative } from 'node:path';
import picomatch from 'picomatch';
import type { FenceConfig, FilesystemConfig, NetworkConfig } from '../config/types.js';
import { HOME_PROTECTED, HOME_SECRETS, PM_CACHES, PROJECT_PROTECTED, PROJECT_SECRETS } from '../policy/always-protected.js';
import type { PackageReport, RefusedFile, ReportSummary } from './summarize.js';

/** Something refused that `--suggest` deliberately does not open, and why. */
export interface NotSuggested {
  package: string;
  what: string;
  why: string;
}

export interface Suggestion {
  /** The smallest fence.json entries that would allow what was refused. */
  config: FenceConfig;
  notSuggested: NotSuggested[];
}

const rel = (p: string, root: string): string | undefined => {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r)) ? r : undefined;
};

/** Creating operations need an existing directory in allowWrite (the policy skips paths that do not exist). */
const CREATES = new Set(['create', 'mkdir', 'symlink', 'link', 'mknod', 'rename']);

function protectedBy(path: string, home: string, projectRoot: string): string | undefined {
  const inHome = rel(path, home);
  if (inHome !== undefined) {
    const hit = [...HOME_SECRETS, ...HOME_PROTECTED, ...PM_CACHES].find((p) => rel(inHome, p) !== undefined || inHome === p);
    if (hit) return `~/${hit}`;
  }
  const inProject = rel(path, projectRoot);
  if (inProject !== undefined) {
    for (const p of [...PROJECT_PROTECTED, ...PROJECT_SECRETS, '.git']) {
      const isMatch = picomatch(p, { dot: true });
      const parts = inProject.split('/');
      // The entry protects the path itself and everything below it.
      if (parts.some((_, i) => isMatch(parts.slice(0, i + 1).join('/')))) return `./${p}`;
    }
  }
  return undefined;
}

/** How the path is written in fence.json: `./` for the project, `~/` for home. */
function configPath(path: string, home: string, projectRoot: string): string {
  const inProject = rel(path, projectRoot);
  if (inProject !== undefined) return inProject === '' ? '.' : `./${inProject}`;
  const inHome = rel(path, home);
  if (inHome !== undefined) return inHome === '' ? '~' : `~/${inHome}`;
  return path;
}

function writeTarget(f: RefusedFile): string {
  const path = f.operation === 'rename' && f.target ? f.target : f.path;
  if (!CREATES.has(f.operation) && existsSync(path)) return path;
  let dir = dirname(path);
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function suggestWrite(p: PackageReport, f: RefusedFile, home: string, projectRoot: string): string | NotSuggested {
  const what = `${f.operation} ${f.path}`;
  const guard = protectedBy(f.path, home, projectRoot);
  if (guard) return { package: p.name, what, why: `always protected (${guard})` };
  if (rel(f.path, home) === undefined && rel(f.path, projectRoot) === undefined)
    return { package: p.name, what, why: 'outside the project and the home directory' };
  const target = writeTarget(f);
  if (target === home || target === projectRoot || protectedBy(target, home, projectRoot))
    return { package: p.name, what, why: `would need ${configPath(target, home, projectRoot)} writable: too broad` };
  return configPath(target, home, projectRoot);
}

/**
 * The smallest `packages` entries that would allow what a session refused: refused
 * hosts become `network.allowedDomains`, refused or discarded writes `filesystem.allowWrite`.
 * Always-protected paths, hidden reads and unverified packages are listed, never opened.
 * Project scripts get top-level entries (the `packages` map is for dependencies).
 */
export function suggestConfig(summary: ReportSummary, opts: { home: string; projectRoot: string }): Suggestion {
  const config: FenceConfig = {};
  const notSuggested: NotSuggested[] = [];
  for (const p of summary.packages) {
    const domains = new Set<string>();
    const writes = new Set<string>();
    for (const n of p.network) {
      const what = `${n.host}:${n.port}`;
      if (n.reason === 'not-allowed') domains.add(n.host);
      else if (n.reason === 'local-address') notSuggested.push({ package: p.name, what, why: 'local address: set network.allowLocalOutbound if this is intended' });
      else notSuggested.push({ package: p.name, what, why: n.reason === 'denied' ? 'listed in deniedDomains' : `refused as ${n.reason}` });
    }
    for (const f of p.files) {
      if (f.operation === 'open-read') {
        const guard = protectedBy(f.path, opts.home, opts.projectRoot);
        notSuggested.push({ package: p.name, what: `read ${f.path}`, why: guard ? `always hidden (${guard})` : 'hidden by filesystem.denyRead' });
        continue;
      }
      const s = suggestWrite(p, f, opts.home, opts.projectRoot);
      if (typeof s === 'string') writes.add(s);
      else notSuggested.push(s);
    }
    if (!domains.size && !writes.size) continue;
    if (!p.verified) {
      for (const d of domains) notSuggested.push({ package: p.name, what: d, why: 'identity not verified: packages entries do not apply to it' });
      for (const w of writes) notSuggested.push({ package: p.name, what: w, why: 'identity not verified: packages entries do not apply to it' });
      continue;
    }
    const network: NetworkConfig | undefined = domains.size ? { allowedDomains: [...domains] } : undefined;
    const filesystem: FilesystemConfig | undefined = writes.size ? { allowWrite: [...writes] } : undefined;
    if (p.kind && p.kind !== 'dependency') {
      if (network) config.network = { allowedDomains: [...new Set([...(config.network?.allowedDomains ?? []), ...network.allowedDomains!])] };
      if (filesystem) config.filesystem = { allowWrite: [...new Set([...(config.filesystem?.allowWrite ?? []), ...filesystem.allowWrite!])] };
      continue;
    }
    config.packages ??= {};
    config.packages[p.name] = { ...(network ? { network } : {}), ...(filesystem ? { filesystem } : {}) };
  }
  return { config, notSuggested };
}

