// Tiny packages written and packed by the audit, report and known-packages tests
// themselves (a tarball install puts them under node_modules/<name>, where npm
// identity is verified), plus an offline npm install wired to fence-shell.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { plantHome } from './helpers/plant-home.js';
import { FENCE_SHELL, fenceEnv } from './helpers/fence-wiring.js';
import { runPackageManager, type InstallRun } from './helpers/run-package-manager.js';

export interface TinyPackage {
  name: string;
  version: string;
  /** File name -> content; `package.json` is written from name, version and scripts. */
  files?: Record<string, string>;
  scripts?: Record<string, string>;
}

/** Packs a package into `<dir>/<name>-<version>.tgz` (the `package/` layout npm expects). */
export async function packTiny(dir: string, pkg: TinyPackage): Promise<string> {
  const src = await mkdtemp(path.join(dir, 'src-'));
  const root = path.join(src, 'package');
  await mkdir(root, { recursive: true });
  const manifest = { name: pkg.name, version: pkg.version, license: 'MIT', scripts: pkg.scripts ?? {} };
  await writeFile(path.join(root, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const [rel, content] of Object.entries(pkg.files ?? {})) await writeFile(path.join(root, rel), content);
  const out = path.join(dir, `${pkg.name.replace('/', '-')}-${pkg.version}.tgz`);
  execFileSync('tar', ['-czf', out, '-C', src, 'package']);
  return out;
}

export interface TinyProject {
  root: string;
  dir: string;
  home: string;
  logDir: string;
}

/** A project depending on `deps` (alias -> tarball), with a planted HOME and fence-shell as script-shell. */
export async function makeTinyProject(deps: Record<string, string>, extraFiles: Record<string, string> = {}): Promise<TinyProject> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'fence-audit-'));
  const dir = path.join(root, 'project');
  const home = path.join(root, 'home');
  await mkdir(path.join(dir, '.git', 'hooks'), { recursive: true });
  await mkdir(home, { recursive: true });
  await plantHome(home);
  const dependencies = Object.fromEntries(Object.entries(deps).map(([k, v]) => [k, `file:${v}`]));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'tiny-project', version: '1.0.0', private: true, dependencies }, null, 2) + '\n');
  await writeFile(path.join(dir, '.npmrc'), `script-shell=${FENCE_SHELL}\n`);
  for (const [rel, content] of Object.entries(extraFiles)) await writeFile(path.join(dir, rel), content);
  return { root, dir, home, logDir: path.join(root, 'logs') };
}

/** `npm install --offline` in the project; `extra` joins the environment (FENCE_AUDIT, FENCE_TEST_HOSTS...). */
export async function npmInstall(p: TinyProject, extra: NodeJS.ProcessEnv = {}): Promise<InstallRun> {
  const env = await fenceEnv(p.home, p.logDir, { npm_config_update_notifier: 'false', ...extra });
  return runPackageManager('npm', ['install', '--offline', '--no-audit', '--no-fund'], { cwd: p.dir, env, timeoutMs: 180_000 });
}
