import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { trustedProgram } from './which-program.js';

/** `npmRegistryServer` values of one .yarnrc.yml: the top level and every `npmScopes` entry. */
export function registryUrlsInYarnrc(text: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return [];
  }
  if (!doc || typeof doc !== 'object') return [];
  const rc = doc as { npmRegistryServer?: unknown; npmScopes?: Record<string, { npmRegistryServer?: unknown }> };
  const urls = [rc.npmRegistryServer, ...Object.values(rc.npmScopes ?? {}).map((s) => s?.npmRegistryServer)];
  return urls.filter((u): u is string => typeof u === 'string');
}

/** .yarnrc.yml of the working directory and its parents, then the home one. */
function yarnrcFiles(cwd: string, home: string): string[] {
  const files: string[] = [];
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    files.push(join(dir, '.yarnrc.yml'));
    if (dirname(dir) === dir) break;
  }
  return [...new Set([...files, join(home, '.yarnrc.yml')])];
}

/**
 * Yarn's built-in default registry, asked from the yarn the command runs, in an
 * empty directory with an empty home and YARN_IGNORE_PATH: the project's
 * `yarnPath` and plugins are code, and must not run outside the sandbox.
 */
function yarnDefaultRegistry(yarn: string, env: NodeJS.ProcessEnv): string | undefined {
  const empty = mkdtempSync(join(tmpdir(), 'fence-yarn-'));
  try {
    const r = spawnSync(yarn, ['config', 'get', 'npmRegistryServer'], {
      cwd: empty,
      env: { PATH: env.PATH, HOME: empty, YARN_IGNORE_PATH: '1', YARN_ENABLE_TELEMETRY: '0' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    const url = r.stdout?.trim();
    return r.status === 0 && url ? url : undefined;
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
}

/** Registries Yarn Berry would use here: configured ones, else its default. */
export function yarnRegistryUrls(cwd: string, env: NodeJS.ProcessEnv, home: string): string[] {
  const configured = yarnrcFiles(cwd, home).flatMap((f) => {
    try {
      return registryUrlsInYarnrc(readFileSync(f, 'utf8'));
    } catch {
      return [];
    }
  });
  const fromEnv = env.YARN_NPM_REGISTRY_SERVER ? [env.YARN_NPM_REGISTRY_SERVER] : [];
  if (configured.length || fromEnv.length) return [...fromEnv, ...configured];
  const yarn = trustedProgram('yarn', cwd, env.PATH);
  const fallback = yarn ? yarnDefaultRegistry(yarn, env) : undefined;
  return fallback ? [fallback] : [];
}
