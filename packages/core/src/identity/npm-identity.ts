import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ScriptIdentity, ScriptKind } from '../policy/types.js';
import { installLocation, packageDirOf } from './install-location.js';
import { nameFromResolved } from './registry-name.js';
import { readManifest } from './read-manifest.js';

/** Lifecycle events that npm, pnpm and Yarn run by themselves during an install. */
export const INSTALL_EVENTS = new Set(['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare', 'dependencies']);
const INSTALL_COMMANDS = new Set(['install', 'ci', 'rebuild', 'update', 'dedupe', 'add', 'i', 'link', 'install-ci-test', 'install-test', 'uninstall', 'prune']);

export interface ScriptRequest {
  cwd: string;
  env: Record<string, string | undefined>;
}


/** Nearest directory upwards that looks like a project root (lockfile, workspace file, .git). */
export function findProjectRoot(start: string): string {
  const markers = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', 'yarn.lock', '.yarnrc.yml', 'fence.json', '.git'];
  for (let d = start; ; d = dirname(d)) {
    if (markers.some((m) => existsSync(join(d, m)))) return d;
    if (dirname(d) === d) return start;
  }
}

/**
 * Who a script belongs to, from facts the package cannot choose: its install
 * location and (during installs) the tarball npm resolved. The self-declared
 * `npm_package_name` is never trusted alone.
 */
export function identifyNpmScript(req: ScriptRequest): { identity: ScriptIdentity; projectRoot: string } {
  const { env } = req;
  let cwd = req.cwd;
  try {
    cwd = realpathSync(cwd);
  } catch {
    /* keep */
  }
  const event = env.npm_lifecycle_event;
  const loc = installLocation(cwd);
  if (loc) {
    const dir = packageDirOf(cwd);
    const manifest = readManifest(dir);
    const resolvedName = nameFromResolved(env.npm_package_resolved);
    let mismatch: string | undefined;
    if (manifest.name !== loc.name) mismatch = `manifest name "${manifest.name ?? '(none)'}" differs from install location node_modules/${loc.name}`;
    else if (resolvedName && resolvedName !== loc.name) mismatch = `resolved tarball belongs to "${resolvedName}", installed as ${loc.name}`;
    else if (loc.storeVersion && manifest.version && loc.storeVersion !== manifest.version)
      mismatch = `manifest version ${manifest.version} differs from pnpm store entry ${loc.storeVersion}`;
    return {
      projectRoot: loc.projectRoot,
      identity: { name: loc.name, version: manifest.version, event, dir, kind: 'dependency', verified: !mismatch, mismatch },
    };
  }
  const projectRoot = env.npm_config_local_prefix && cwd.startsWith(env.npm_config_local_prefix) ? env.npm_config_local_prefix : findProjectRoot(cwd);
  const manifest = readManifest(cwd);
  const command = env.npm_command ?? env.pnpm_command;
  const duringInstall = event !== undefined && INSTALL_EVENTS.has(event) && (command === undefined || INSTALL_COMMANDS.has(command));
  const kind: ScriptKind = duringInstall ? 'project' : 'by-hand';
  return {
    projectRoot,
    identity: { name: manifest.name ?? '(project)', version: manifest.version, event, dir: cwd, kind, verified: true },
  };
}
