// A throwaway world for fence-run tests: a planted HOME, a project directory
// (the command's cwd), a sibling directory beside it, and the environment of a
// developer shell with CI tokens in it. Everything lives under os.tmpdir().
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { envFor } from './env-for.js';
import { plantHome } from './plant-home.js';

/** An npm-style config token in the environment, beside TOKEN_ENV's. */
export const NPM_CONFIG_TOKEN = 'FENCE-MARKER-env-npm-config-authtoken-4e7d11';

export interface RunWorld {
  root: string;
  home: string;
  /** The command's working directory: the only writable place by default. */
  project: string;
  /** Beside the project, outside anything fence-run allows. */
  sibling: string;
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

export async function makeRunWorld(extraEnv: NodeJS.ProcessEnv = {}): Promise<RunWorld> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'fence-run-world-'));
  const home = path.join(root, 'home');
  const project = path.join(root, 'project');
  const sibling = path.join(root, 'sibling');
  for (const d of [home, project, sibling]) await mkdir(d, { recursive: true });
  await plantHome(home);
  const env = envFor(home, { extra: { npm_config__authToken: NPM_CONFIG_TOKEN, ...extraEnv } });
  return { root, home, project, sibling, env, cleanup: () => rm(root, { recursive: true, force: true }) };
}
