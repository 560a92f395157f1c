import { loadConfig, resolvePolicy, type FenceConfig } from '@fence/core';
import type { Package, Project } from '@yarnpkg/core';
import { Manifest, StreamReport, structUtils } from '@yarnpkg/core';
import { CwdFS, npath, PortablePath } from '@yarnpkg/fslib';
import { ZipOpenFS } from '@yarnpkg/libzip';
import { PassThrough } from 'node:stream';

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

export interface YarnScriptPackage {
  name: string;
  version?: string;
  /** Where the linker put it (inside a zip archive for PnP packages that were not unplugged). */
  location: string;
  events: Array<{ event: string; command: string; implicit?: boolean }>;
  /** dependenciesMeta built flag: true/false when set, null when Yarn's enableScripts decides. */
  built: boolean | null;
  enableScripts: boolean;
  verified: boolean;
  policy: { allowWrite: string[]; allowedDomains: string[] };
}

function builtFlag(project: Project, pkg: Package): boolean | null {
  const meta = project.topLevelWorkspace.manifest.dependenciesMeta.get(structUtils.stringifyIdent(pkg));
  const exact = meta?.get(pkg.version)?.built;
  if (typeof exact === 'boolean') return exact;
  const any = meta?.get(null)?.built;
  return typeof any === 'boolean' ? any : null;
}

/** The packages of an installed Yarn project that have install scripts (or an implicit gyp build). */
export async function collectYarnScripts(project: Project, env: NodeJS.ProcessEnv = process.env): Promise<YarnScriptPackage[]> {
  const projectRoot = npath.fromPortablePath(project.cwd);
  const config: FenceConfig = loadConfig({ projectRoot, env, home: env.HOME }).config;
  const enableScripts = project.configuration.get('enableScripts');
  const linkOptions = { project, report: new StreamReport({ stdout: new PassThrough(), configuration: project.configuration }) };
  const linkers = project.configuration.getLinkers();
  const out: YarnScriptPackage[] = [];
  await ZipOpenFS.openPromise(async (zipOpenFs) => {
    for (const pkg of project.storedPackages.values()) {
      if (structUtils.isVirtualLocator(pkg) || project.tryWorkspaceByLocator(pkg)) continue;
      const linker = linkers.find((l) => l.supportsPackage(pkg, linkOptions));
      if (!linker) continue;
      let location: string;
      try {
        location = await linker.findPackageLocation(pkg, linkOptions);
      } catch {
        continue; // not installed (optional, other platform)
      }
      const fs = new CwdFS(location as PortablePath, { baseFs: zipOpenFs });
      const manifest = await Manifest.tryFind(PortablePath.dot, { baseFs: fs });
      if (!manifest) continue;
      const events: YarnScriptPackage['events'] = INSTALL_SCRIPTS.filter((e) => manifest.scripts.has(e)).map((event) => ({ event, command: manifest.scripts.get(event)! }));
      if (!events.length && fs.existsSync('binding.gyp' as PortablePath))
        events.push({ event: 'install', command: 'node-gyp rebuild', implicit: true });
      if (!events.length) continue;
      const name = structUtils.stringifyIdent(pkg);
      const manifestName = manifest.name ? structUtils.stringifyIdent(manifest.name) : undefined;
      const dir = npath.fromPortablePath(location);
      const verified = manifestName === undefined || manifestName === name;
      const identity = { name, version: pkg.version ?? undefined, dir, kind: 'dependency' as const, verified };
      const policy = resolvePolicy({ config, identity, cwd: dir, projectRoot, env, home: env.HOME });
      out.push({
        name,
        version: pkg.version ?? undefined,
        location: dir.startsWith(projectRoot) ? dir.slice(projectRoot.length + 1) : dir,
        events,
        built: builtFlag(project, pkg),
        enableScripts,
        verified,
        policy: { allowWrite: policy.filesystem.allowWrite, allowedDomains: policy.network.allowedDomains },
      });
    }
  });
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/** The packages as a readable list: approval, events and the policy each would run under. */
export function renderYarnScripts(pkgs: YarnScriptPackage[]): string {
  if (!pkgs.length) return 'fence: no installed package has install scripts\n';
  const lines: string[] = [];
  for (const p of pkgs) {
    const approval = p.built === true ? 'built: true' : p.built === false ? 'built: false (never runs)' : `enableScripts: ${p.enableScripts}`;
    lines.push(`${p.name}${p.version ? `@${p.version}` : ''}${p.verified ? '' : ' (name mismatch)'}  ${p.location}  ${approval}`);
    for (const e of p.events) lines.push(`  ${e.event}: ${e.command}${e.implicit ? '  (implicit: binding.gyp)' : ''}`);
    lines.push(`  policy: writes ${p.policy.allowWrite.join(', ') || '(none)'}; network ${p.policy.allowedDomains.join(', ') || 'none'}`);
  }
  return `${lines.join('\n')}\n`;
}

