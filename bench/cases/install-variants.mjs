// The ways of installing the bench project that case 2 compares: each returns
// the project files and the command line of one install.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { FENCE_SHELL, FENCE_RUN, PNPM_BIN, YARN_BIN, YARN_PLUGIN } from '../lib/paths.mjs';
import { SRT_SHELL, writeSrtSettings } from '../lib/srt-setup.mjs';

const NPM_INSTALL = ['install', '--no-audit', '--no-fund', '--offline'];
const PNPM_INSTALL = ['install', '--offline', '--reporter=silent'];

function pnpmWorkspace(store, scriptShell) {
  const lines = ['dangerouslyAllowAllBuilds: true', 'sideEffectsCache: false', `storeDir: ${JSON.stringify(store)}`];
  if (scriptShell) lines.push(`scriptShell: ${JSON.stringify(scriptShell)}`);
  return `${lines.join('\n')}\n`;
}

function yarnrc(cache, plugin) {
  const lines = [
    'nodeLinker: node-modules', 'enableScripts: true', 'enableTelemetry: false', 'enableGlobalCache: false',
    'enableNetwork: false', `cacheFolder: ${JSON.stringify(cache)}`,
  ];
  if (plugin) lines.push('plugins:', `  - path: ${JSON.stringify(plugin)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * @param {{ shared: { store: string, yarnCache: string }, srtSkip?: string }} o
 * @returns {{ name: string, skip?: string, setup(dir: string, scratch: string): { files: object, cmd: string, args: string[], extraEnv?: object } }[]}
 */
export function installVariants({ shared, srtSkip }) {
  const yarnSkip = existsSync(YARN_PLUGIN) ? undefined : `not built yet (${path.relative(path.dirname(path.dirname(YARN_PLUGIN)), YARN_PLUGIN)} missing)`;
  return [
    { name: 'npm', setup: () => ({ files: {}, cmd: 'npm', args: NPM_INSTALL }) },
    { name: 'npm + fence', setup: () => ({ files: { npmrc: `script-shell=${FENCE_SHELL}\n` }, cmd: 'npm', args: NPM_INSTALL }) },
    {
      name: 'npm + srt per script',
      skip: srtSkip,
      setup: (dir, scratch) => ({
        files: { npmrc: `script-shell=${SRT_SHELL}\n` },
        cmd: 'npm',
        args: NPM_INSTALL,
        // The project is the scripts' only writable place, as under fence.
        extraEnv: { SRT_BENCH_SETTINGS: writeSrtSettings(scratch, { allowWrite: [dir] }) },
      }),
    },
    { name: 'fence-run npm install', setup: () => ({ files: {}, cmd: process.execPath, args: [FENCE_RUN, 'npm', ...NPM_INSTALL] }) },
    { name: 'pnpm', setup: () => ({ files: { pnpmWorkspace: pnpmWorkspace(shared.store) }, cmd: PNPM_BIN, args: PNPM_INSTALL }) },
    {
      name: 'pnpm + fence',
      setup: () => ({ files: { pnpmWorkspace: pnpmWorkspace(shared.store, FENCE_SHELL) }, cmd: PNPM_BIN, args: PNPM_INSTALL }),
    },
    {
      name: 'yarn + fence',
      skip: yarnSkip,
      setup: () => ({ files: { yarnrc: yarnrc(shared.yarnCache, YARN_PLUGIN) }, cmd: YARN_BIN, args: ['install'] }),
    },
  ];
}

/**
 * Which variant each one is compared with. Plain Yarn 4 has no baseline here: it cannot
 * build the node-gyp addon offline (no top-level node-gyp dependency, see FACTS.md).
 */
export const INSTALL_BASELINES = {
  'npm + fence': 'npm', 'npm + srt per script': 'npm', 'fence-run npm install': 'npm', 'pnpm + fence': 'pnpm', 'yarn + fence': 'npm',
};
