import { join } from 'node:path';
import { parse } from 'yaml';
import { readOptional } from '../text-file/index.js';
import type { Approvals } from './types.js';

type Lookup = (name: string, version: string | undefined) => boolean | null;

/** True/false from a `name` or `name@v1 || v2` keyed map; false wins, like the package managers' deny. */
function byKey(map: Record<string, unknown>): Lookup {
  return (name, version) => {
    let verdict: boolean | null = null;
    for (const [key, value] of Object.entries(map)) {
      if (typeof value !== 'boolean') continue;
      const at = key.lastIndexOf('@');
      const keyName = at > 0 ? key.slice(0, at) : key;
      if (keyName !== name) continue;
      const versions = at > 0 ? key.slice(at + 1).split('||').map((v) => v.trim()) : undefined;
      if (versions && (!version || !versions.includes(version))) continue;
      if (value === false) return false;
      verdict = true;
    }
    return verdict;
  };
}

/** pnpm: `allowBuilds` (pnpm 10.x+), the older `onlyBuiltDependencies`/`neverBuiltDependencies`, or allow-all. */
function pnpmLookup(project: string): Lookup | undefined {
  const text = readOptional(join(project, 'pnpm-workspace.yaml'));
  const ws = (text === undefined ? undefined : parse(text)) as Record<string, unknown> | null | undefined;
  if (!ws) return undefined;
  if (ws.dangerouslyAllowAllBuilds === true) return () => true;
  const map: Record<string, unknown> = {};
  if (ws.allowBuilds && typeof ws.allowBuilds === 'object') Object.assign(map, ws.allowBuilds);
  for (const n of Array.isArray(ws.onlyBuiltDependencies) ? ws.onlyBuiltDependencies : []) if (typeof n === 'string') map[n] = true;
  for (const n of Array.isArray(ws.neverBuiltDependencies) ? ws.neverBuiltDependencies : []) if (typeof n === 'string') map[n] = false;
  return Object.keys(map).length ? byKey(map) : undefined;
}

/** Yarn: `dependenciesMeta["<name>"|"<name>@<version>"].built`. */
function yarnLookup(rootManifest: Record<string, unknown>): Lookup | undefined {
  const meta = rootManifest.dependenciesMeta;
  if (!meta || typeof meta !== 'object') return undefined;
  const built: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) if (v && typeof v === 'object' && 'built' in v) built[k] = (v as { built: unknown }).built;
  return Object.keys(built).length ? byKey(built) : undefined;
}

/** Adds pnpm's and Yarn's verdicts to what the collector found (npm's needs the Arborist node). */
export function approvalsFor(project: string, rootManifest: Record<string, unknown>): (name: string, version: string | undefined, found: Approvals) => Approvals {
  const pnpm = pnpmLookup(project);
  const yarn = yarnLookup(rootManifest);
  return (name, version, found) => ({
    ...found,
    ...(pnpm ? { pnpm: pnpm(name, version) } : {}),
    ...(yarn ? { yarn: yarn(name, version) } : {}),
  });
}
