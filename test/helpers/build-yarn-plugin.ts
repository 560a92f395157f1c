// Builds the Yarn plugin bundle (tsc, then rollup) when it is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.js';
import { YARN_PLUGIN_BUNDLE } from './yarn-project.js';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function buildYarnPlugin(): string {
  const pluginDir = path.join(REPO_ROOT, 'plugins', 'yarn');
  const built = statSync(YARN_PLUGIN_BUNDLE, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(newestMtime(path.join(pluginDir, 'src')), statSync(path.join(pluginDir, 'rollup.config.mjs')).mtimeMs);
  if (built > sources) return YARN_PLUGIN_BUNDLE;
  const bin = (n: string) => path.join(REPO_ROOT, 'node_modules', '.bin', n);
  execFileSync(bin('tsc'), ['-b', pluginDir], { cwd: REPO_ROOT, stdio: 'inherit' });
  execFileSync(bin('rollup'), ['-c', '--silent'], { cwd: pluginDir, stdio: 'inherit' });
  return YARN_PLUGIN_BUNDLE;
}
