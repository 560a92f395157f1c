// A throwaway Yarn 4 project loading the fence plugin bundle, and a way to run the
// pinned Yarn (@yarnpkg/cli-dist) in it as a child of the test.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { makeProject, type Project } from './make-project.js';
import { REPO_ROOT } from './paths.js';
import { runPackageManager, type InstallRun } from './run-package-manager.js';

export const YARN_JS = path.join(REPO_ROOT, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js');
export const YARN_PLUGIN_BUNDLE = path.join(REPO_ROOT, 'plugins', 'yarn', 'bundles', '@yarnpkg', 'plugin-fence.js');

export interface YarnProjectOptions {
  linker: 'node-modules' | 'pnp';
  /** alias -> fixture directory name. */
  deps: Record<string, string>;
  /** Root manifest `dependenciesMeta` (e.g. `{ pkg: { built: false } }`). */
  dependenciesMeta?: Record<string, { built?: boolean }>;
  /** Root manifest `scripts`. */
  scripts?: Record<string, string>;
  ports?: { allowed?: number; exfil?: number };
  extraFiles?: Record<string, string>;
}

/** .yarnrc.yml as `fence init yarn --global` would leave it, offline and with scripts on. */
export function fenceYarnrc(linker: YarnProjectOptions['linker']): string {
  return [
    `nodeLinker: ${linker}`,
    'enableScripts: true',
    'enableTelemetry: false',
    'enableGlobalCache: false',
    'enableNetwork: false',
    `fenceRoot: ${REPO_ROOT}`,
    'plugins:',
    `  - path: ${YARN_PLUGIN_BUNDLE}`,
    '    spec: "@yarnpkg/plugin-fence"',
    '',
  ].join('\n');
}

export async function makeYarnProject(o: YarnProjectOptions): Promise<Project> {
  const project = await makeProject({
    pm: 'yarn',
    deps: o.deps,
    ports: o.ports,
    extraFiles: { '.yarnrc.yml': fenceYarnrc(o.linker), ...o.extraFiles },
  });
  const file = path.join(project.dir, 'package.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  if (o.dependenciesMeta) manifest.dependenciesMeta = o.dependenciesMeta;
  if (o.scripts) manifest.scripts = o.scripts;
  await writeFile(file, JSON.stringify(manifest, null, 2) + '\n');
  return project;
}

/** Runs `yarn <args>` with node directly (never a `yarn` from PATH). */
export function runYarn(cwd: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 240_000): Promise<InstallRun> {
  return runPackageManager(process.execPath, [YARN_JS, ...args], { cwd, env, timeoutMs });
}
