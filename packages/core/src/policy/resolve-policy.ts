import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FenceConfig } from '../config/types.js';
import { HOME_PROTECTED, HOME_SECRETS, PM_CACHES, PROJECT_PROTECTED, PROJECT_SECRETS } from './always-protected.js';
import { filterEnv } from './env-filter.js';
import { expandGlob } from './glob-paths.js';
import { discoverHomeBinds } from './home-binds.js';
import { pathEntriesToKeep } from './path-binds.js';
import { matchingPackageEntries } from './package-match.js';
import { expandPath, type PathContext } from './path-expand.js';
import type { SandboxPolicy, ScriptIdentity } from './types.js';

export interface ResolveInput {
  config: FenceConfig;
  identity: ScriptIdentity;
  cwd: string;
  projectRoot: string;
  /** The caller's environment; filtered, never passed whole. */
  env: NodeJS.ProcessEnv;
  home?: string;
  /** From the command line (`--allow-write`, `--allow-domain`). */
  extraWrite?: string[];
  extraDomains?: string[];
  /** Directories that must stay readable (fence's own install, the package manager). */
  extraReadRoots?: string[];
  /** Whole-command mode may write package-manager caches. */
  cachesWritable?: boolean;
}

const uniq = (xs: string[]) => [...new Set(xs)];
const existing = (xs: string[]) => xs.filter((p) => existsSync(p));

/** The effective policy of one script: defaults, then config, then its package entries. */
export function resolvePolicy(input: ResolveInput): SandboxPolicy {
  const { config, identity, cwd, projectRoot } = input;
  const home = input.home ?? input.env.HOME ?? homedir();
  const ctx: PathContext = { home, projectRoot, pkgDir: identity.dir, cwd };
  const entries = identity.verified ? matchingPackageEntries(config.packages, identity.name, identity.version) : [];
  const layers = [config, ...entries.map(([, e]) => e)];
  const collect = <T>(pick: (l: FenceConfig) => T[] | undefined): T[] => layers.flatMap((l) => pick(l) ?? []);
  const paths = (xs: string[]) => uniq(xs.flatMap((x) => expandGlob(expandPath(x, ctx))));

  const ownWrite =
    identity.kind === 'dependency' ? [identity.dir] : identity.kind === 'command' ? [cwd] : [projectRoot];
  const allowWrite = existing(uniq([...ownWrite, ...paths(collect((l) => l.filesystem?.allowWrite)), ...paths(input.extraWrite ?? [])]));

  const homeProtected = [...HOME_PROTECTED, ...(input.cachesWritable ? [] : PM_CACHES)].map((p) => join(home, p));
  const projectProtected = [...PROJECT_PROTECTED, '.git'].map((p) => join(projectRoot, p));
  const denyWrite = existing(
    uniq([...homeProtected, ...projectProtected.flatMap(expandGlob), ...paths(collect((l) => l.filesystem?.denyWrite))]),
  );

  const projectSecrets = identity.kind === 'dependency' ? PROJECT_SECRETS : PROJECT_SECRETS.filter((s) => s.startsWith('.env') || s === '.git/config');
  const hiddenInProject = identity.kind === 'project' ? [] : projectSecrets.flatMap((s) => expandGlob(join(projectRoot, s)));
  const denyRead = existing(
    uniq([...HOME_SECRETS.map((p) => join(home, p)), ...hiddenInProject, ...paths(collect((l) => l.filesystem?.denyRead))]),
  );

  const allowRead = existing(
    uniq([
      ...discoverHomeBinds(home, input.env, input.extraReadRoots),
      ...pathEntriesToKeep(input.env.PATH, home),
      ...(input.extraReadRoots ?? []),
      ...paths(collect((l) => l.filesystem?.allowRead)),
    ]),
  );

  const env = filterEnv(input.env, {
    allow: collect((l) => l.env?.allow),
    deny: collect((l) => l.env?.deny),
  });

  const last = <T>(pick: (l: FenceConfig) => T | undefined): T | undefined =>
    layers.map(pick).filter((v) => v !== undefined).pop();

  return {
    cwd,
    projectRoot,
    identity,
    filesystem: { allowWrite, denyWrite, denyRead, allowRead, home },
    network: {
      allowedDomains: uniq([...collect((l) => l.network?.allowedDomains), ...(input.extraDomains ?? [])]),
      deniedDomains: uniq(collect((l) => l.network?.deniedDomains)),
      allowLocalOutbound: last((l) => l.network?.allowLocalOutbound) ?? false,
      allowLocalBinding: last((l) => l.network?.allowLocalBinding) ?? false,
      upstreamProxy: last((l) => l.network?.upstreamProxy),
    },
    env,
    seccomp: config.sandbox?.seccomp ?? true,
    denyUnixSockets: config.sandbox?.denyUnixSockets ?? false,
    audit: config.sandbox?.audit ?? false,
    allowWeaker: config.sandbox?.allowWeaker ?? false,
  };
}
