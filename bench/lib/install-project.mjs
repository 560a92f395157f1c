// One fresh project directory per install, set up for one package manager and
// one way of running its scripts, and the check that the scripts really ran.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeBenchManifest } from './pack-bench.mjs';

/**
 * @param {string} dir fresh directory
 * @param {Record<string,string>} deps name -> file: spec
 * @param {{ npmrc?: string, pnpmWorkspace?: string, yarnrc?: string }} files
 */
export function makeInstallProject(dir, deps, files = {}) {
  // The tarballs go inside the project: fence-run shows a whole command only the
  // project, the system and the toolchains, and every variant gets the same layout.
  mkdirSync(path.join(dir, 'tarballs'), { recursive: true });
  const local = {};
  for (const [name, spec] of Object.entries(deps)) {
    const file = spec.replace(/^file:/, '');
    copyFileSync(file, path.join(dir, 'tarballs', path.basename(file)));
    local[name] = `file:tarballs/${path.basename(file)}`;
  }
  writeBenchManifest(dir, local);
  if (files.npmrc) writeFileSync(path.join(dir, '.npmrc'), files.npmrc);
  if (files.pnpmWorkspace) writeFileSync(path.join(dir, 'pnpm-workspace.yaml'), files.pnpmWorkspace);
  if (files.yarnrc) {
    writeFileSync(path.join(dir, '.yarnrc.yml'), files.yarnrc);
    writeFileSync(path.join(dir, 'yarn.lock'), '');
  }
  return dir;
}

/** Throws unless every postinstall ran and the addon was built: a skipped script must not look fast. */
export function assertScriptsRan(dir, deps) {
  const missing = [];
  for (const name of Object.keys(deps)) {
    const out = name === 'native-addon' ? 'build/Release/addon.node' : 'postinstall.txt';
    if (!existsSync(path.join(dir, 'node_modules', name, out))) missing.push(`${name}/${out}`);
  }
  if (missing.length) throw new Error(`install finished but scripts did not run: ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? ', ...' : ''}`);
}
