import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { installLocation } from '@fence/core';
import { installEvents } from './install-events.js';
import { readManifest } from './read-manifest.js';
import type { FoundPackage, ScriptManifest } from './types.js';

/** The part of an Arborist node this module reads. */
interface ArbNode {
  name: string;
  location: string;
  path: string;
  package: ScriptManifest;
  isProjectRoot: boolean;
  isLink: boolean;
  hasInstallScript?: boolean;
}
interface ArbTree {
  inventory: Map<string, ArbNode>;
}
type ArboristCtor = new (opts: { path: string }) => {
  loadActual(opts?: { forceActual?: boolean }): Promise<ArbTree>;
  loadVirtual(): Promise<ArbTree>;
};
type ScriptAllowed = (node: ArbNode, policy: Record<string, boolean> | null) => boolean | null;

const require = createRequire(import.meta.url);
// Arborist ships no types; these are the few members used here.
const Arborist = require('@npmcli/arborist') as ArboristCtor;
// npm's own allowScripts matcher, so approval here means exactly what npm decides (resolved-URL identity).
const { isScriptAllowed } = require('@npmcli/arborist/lib/script-allowed.js') as { isScriptAllowed: ScriptAllowed };

/** npm 11.16+ `allowScripts`: an object of spec -> boolean in the root package.json. */
function allowScriptsPolicy(rootManifest: Record<string, unknown>): Record<string, boolean> | undefined {
  const p = rootManifest.allowScripts;
  if (!p || typeof p !== 'object' || Array.isArray(p)) return undefined;
  return Object.fromEntries(Object.entries(p).filter(([, v]) => typeof v === 'boolean')) as Record<string, boolean>;
}

/**
 * Packages with install scripts in an npm tree: node_modules when present,
 * else the lockfile (which only says *that* a package has install scripts).
 */
export async function collectNpm(project: string, rootManifest: Record<string, unknown>): Promise<FoundPackage[]> {
  const arb = new Arborist({ path: project });
  const actual = existsSync(join(project, 'node_modules'));
  // forceActual: the hidden lockfile (node_modules/.package-lock.json) keeps no scripts.
  const tree = actual ? await arb.loadActual({ forceActual: true }) : await arb.loadVirtual();
  const policy = allowScriptsPolicy(rootManifest);
  const out: FoundPackage[] = [];
  for (const node of tree.inventory.values()) {
    if (node.isProjectRoot || node.isLink) continue;
    // The manifest as on disk: Arborist's normalized one may already carry the implicit gyp script.
    const manifest = actual ? readManifest(node.path) : node.package;
    const events = actual
      ? installEvents(manifest, existsSync(join(node.path, 'binding.gyp')))
      : node.hasInstallScript
        ? [{ event: 'install', command: '(not installed yet: the lockfile says it has install scripts)' }]
        : [];
    if (!events.length) continue;
    const manifestName = typeof manifest.name === 'string' ? manifest.name : undefined;
    const locName = installLocation(node.path)?.name ?? node.name;
    out.push({
      name: locName,
      version: typeof manifest.version === 'string' ? manifest.version : undefined,
      location: node.location,
      dir: node.path,
      events,
      verified: manifestName === locName,
      approval: policy ? { npm: isScriptAllowed(node, policy) } : {},
    });
  }
  return out.sort((a, b) => a.location.localeCompare(b.location));
}
