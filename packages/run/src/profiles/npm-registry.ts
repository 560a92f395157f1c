import { spawnSync } from 'node:child_process';
import { trustedProgram } from './which-program.js';

/** Registry URLs in npm's flattened config: `registry` and every `@scope:registry`. */
export function registryUrlsInNpmConfig(config: Record<string, unknown>): string[] {
  return Object.entries(config)
    .filter(([k, v]) => (k === 'registry' || k.endsWith(':registry')) && typeof v === 'string')
    .map(([, v]) => v as string);
}

/**
 * The registries npm is configured with here (project, user and global .npmrc,
 * npm_config_* variables), asked from npm itself at run time so nothing is
 * hard-coded. npm only reads its config here; it runs no package code.
 */
export function npmRegistryUrls(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const npm = trustedProgram('npm', cwd, env.PATH);
  if (!npm) return [];
  const r = spawnSync(npm, ['config', 'list', '--json'], { cwd, env, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) return [];
  try {
    return registryUrlsInNpmConfig(JSON.parse(r.stdout) as Record<string, unknown>);
  } catch {
    return [];
  }
}
