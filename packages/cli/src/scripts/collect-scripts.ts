import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '@fence/core';
import { approvalsFor } from './approvals.js';
import { collectNpm } from './collect-npm.js';
import { collectPnpm } from './collect-pnpm.js';
import { policyFor } from './policy-summary.js';
import { readManifest } from './read-manifest.js';
import type { FoundPackage, ScriptPackage } from './types.js';

export interface ScriptsReport {
  project: string;
  manager: 'npm' | 'pnpm';
  /** fence.json files that shaped the policy column. */
  configSources: string[];
  packages: ScriptPackage[];
}

/** Every package of the project with install scripts, its approvals and the fence policy it would run under. */
export async function collectScripts(projectDir: string, env: NodeJS.ProcessEnv = process.env): Promise<ScriptsReport> {
  const project = resolve(projectDir);
  const root = readManifest(project);
  const pnpm = existsSync(join(project, 'pnpm-lock.yaml')) || existsSync(join(project, 'node_modules', '.pnpm'));
  const found: FoundPackage[] = pnpm ? collectPnpm(project) : await collectNpm(project, root);
  const loaded = loadConfig({ projectRoot: project, env });
  const approve = approvalsFor(project, root);
  const packages = found.map((p) => ({
    ...p,
    approval: approve(p.name, p.version, p.approval),
    ...policyFor(p, loaded.config, project, env),
  }));
  return { project, manager: pnpm ? 'pnpm' : 'npm', configSources: loaded.sources, packages };
}
