import { spawnSync } from 'node:child_process';
import { findYarn } from './find-yarn.js';

export interface YarnResult {
  status: number;
  output: string;
}

/** Runs Yarn with node directly (never a bare `yarn` from PATH, which a dependency's .bin could shadow). */
export function runYarn(project: string, args: string[], env: NodeJS.ProcessEnv = process.env): YarnResult {
  const r = spawnSync(process.execPath, [findYarn(project), ...args], { cwd: project, env, encoding: 'utf8', timeout: 120_000 });
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? r.error.message : ''}` };
}
