// A throwaway project installing fixture tarballs, with the secrets of a real
// checkout planted in it and in a throwaway HOME beside it.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { packFixtures } from './pack-fixtures.js';
import { plantHome } from './plant-home.js';
import { plantProject } from './plant-project.js';
import { pmConfigFiles, type PackageManagerName } from './pm-config.js';

export interface MakeProjectOptions {
  /** alias -> fixture directory name, e.g. `{ 'name-spoof': 'name-spoof' }`. */
  deps: Record<string, string>;
  /** Same, as optionalDependencies. */
  optional?: Record<string, string>;
  pm: PackageManagerName;
  /** Relative path -> content, written last (may replace any planted file). */
  extraFiles?: Record<string, string>;
  /** Lines appended to the planted project .npmrc (e.g. script-shell=...). */
  npmrcExtra?: string;
  /** Ports the fixtures use for allowed.test / exfil.test (fence-fixture-net.json); default 18080 / 18081. */
  ports?: { allowed?: number; exfil?: number };
}

export interface Project {
  /** Temp directory holding dir, home and the npm cache. */
  root: string;
  /** The project (INIT_CWD of the install). */
  dir: string;
  /** The planted HOME. */
  home: string;
  /** fixture name -> absolute tarball path. */
  tarballs: Record<string, string>;
  cleanup(): Promise<void>;
}

function specs(map: Record<string, string> | undefined, tarballs: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [alias, fixture] of Object.entries(map ?? {})) {
    const tarball = tarballs[fixture];
    if (!tarball) throw new Error(`unknown fixture "${fixture}" (have: ${Object.keys(tarballs).join(', ')})`);
    out[alias] = `file:${tarball}`;
  }
  return out;
}

export async function makeProject(options: MakeProjectOptions): Promise<Project> {
  const tarballs = await packFixtures();
  const root = await mkdtemp(path.join(os.tmpdir(), 'fence-project-'));
  const dir = path.join(root, 'project');
  const home = path.join(root, 'home');
  await mkdir(dir, { recursive: true });
  await mkdir(home, { recursive: true });
  await plantHome(home);
  await plantProject(dir, options.npmrcExtra);

  const manifest: Record<string, unknown> = {
    name: 'fence-test-project',
    version: '1.0.0',
    private: true,
    dependencies: specs(options.deps, tarballs),
  };
  if (options.optional) manifest.optionalDependencies = specs(options.optional, tarballs);
  const files: Record<string, string> = {
    'package.json': JSON.stringify(manifest, null, 2) + '\n',
    ...pmConfigFiles(options.pm),
  };
  if (options.ports) {
    const ports: Record<string, number> = {};
    if (options.ports.allowed) ports['allowed.test'] = options.ports.allowed;
    if (options.ports.exfil) ports['exfil.test'] = options.ports.exfil;
    files['fence-fixture-net.json'] = JSON.stringify({ ports }, null, 2) + '\n';
  }
  Object.assign(files, options.extraFiles);
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), content);
  }
  return { root, dir, home, tarballs, cleanup: () => rm(root, { recursive: true, force: true }) };
}
