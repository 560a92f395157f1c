import { realpathSync } from 'node:fs';
import { INSTALL_EVENTS, readManifest, type ScriptIdentity, type ScriptKind } from '@fence/core';
import type { Locator, Project } from '@yarnpkg/core';
import { structUtils } from '@yarnpkg/core';

export interface LocatorScript {
  project: Project;
  locator: Locator;
  scriptName: string;
  /** The script's cwd as Yarn gives it (the package location for dependencies). */
  cwd: string;
  /** True while Yarn runs `project.install()` (see install-state.ts). */
  installing: boolean;
}


function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

/**
 * Who a script belongs to, from Yarn's own resolution: the locator's ident is the name
 * the project installed it under (an alias included), never the package's self-declared
 * name. A manifest that claims another name leaves the identity unverified: defaults only.
 */
export function locatorIdentity(s: LocatorScript): ScriptIdentity {
  const dir = real(s.cwd);
  const name = structUtils.stringifyIdent(s.locator);
  const workspace = s.project.tryWorkspaceByLocator(s.locator);
  if (workspace) {
    const kind: ScriptKind = s.installing && INSTALL_EVENTS.has(s.scriptName) ? 'project' : 'by-hand';
    return { name, version: workspace.manifest.version ?? undefined, event: s.scriptName, dir, kind, verified: true };
  }
  const stored = s.project.storedPackages.get(s.locator.locatorHash);
  const manifest = readManifest(dir);
  const version = stored?.version ?? manifest.version;
  const mismatch =
    manifest.name !== undefined && manifest.name !== name
      ? `manifest name "${manifest.name}" differs from the name Yarn installed it under (${name})`
      : undefined;
  return { name, version: version ?? undefined, event: s.scriptName, dir, kind: 'dependency', verified: !mismatch, mismatch };
}
