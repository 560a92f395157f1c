import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { readOptional } from '../text-file/index.js';
import { installEvents } from './install-events.js';
import { readManifest } from './read-manifest.js';
import type { FoundPackage } from './types.js';

const list = (dir: string): string[] => {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
};

/** Package directories in one `.pnpm/<entry>/node_modules`: real dirs only (siblings there are symlinks to deps). */
function packagesIn(nm: string): Array<{ name: string; dir: string }> {
  const out: Array<{ name: string; dir: string }> = [];
  for (const n of list(nm)) {
    const names = n.startsWith('@') ? list(join(nm, n)).map((s) => `${n}/${s}`) : [n];
    for (const name of names) {
      const dir = join(nm, name);
      try {
        if (lstatSync(dir).isDirectory()) out.push({ name, dir });
      } catch {
        /* vanished */
      }
    }
  }
  return out;
}

/** Older lockfiles mark `requiresBuild: true`; lockfile v9 no longer does, so this is a best effort. */
function fromLockfile(project: string): FoundPackage[] {
  const text = readOptional(join(project, 'pnpm-lock.yaml'));
  const lock: unknown = text === undefined ? undefined : parse(text);
  const pkgs = (lock as { packages?: Record<string, { requiresBuild?: boolean; version?: string }> } | undefined)?.packages ?? {};
  return Object.entries(pkgs)
    .filter(([, v]) => v?.requiresBuild === true)
    .map(([key, v]) => {
      const at = key.lastIndexOf('@');
      const name = (at > 0 ? key.slice(0, at) : key).replace(/^\//, '');
      return {
        name,
        version: v.version ?? (at > 0 ? key.slice(at + 1) : undefined),
        location: `(pnpm-lock.yaml ${key})`,
        dir: project,
        events: [{ event: 'install', command: '(not installed yet: the lockfile says it requires a build)' }],
        verified: false,
        approval: {},
      };
    });
}

/** Packages with install scripts in a pnpm project: its virtual store, or the lockfile before an install. */
export function collectPnpm(project: string): FoundPackage[] {
  const store = join(project, 'node_modules', '.pnpm');
  if (!existsSync(store)) return fromLockfile(project);
  const out: FoundPackage[] = [];
  for (const entry of list(store)) {
    for (const { name, dir } of packagesIn(join(store, entry, 'node_modules'))) {
      const manifest = readManifest(dir);
      const events = installEvents(manifest, existsSync(join(dir, 'binding.gyp')));
      if (!events.length) continue;
      out.push({
        name,
        version: typeof manifest.version === 'string' ? manifest.version : undefined,
        location: relative(project, dir),
        dir,
        events,
        verified: manifest.name === name,
        approval: {},
      });
    }
  }
  return out.sort((a, b) => a.location.localeCompare(b.location));
}
