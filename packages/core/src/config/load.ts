import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { defaultConfigCache, type ConfigCache } from './config-cache.js';
import { ConfigError } from './errors.js';
import { expandExtends } from './extends.js';
import { mergeConfigs } from './merge.js';
import { readConfigFile } from './read-config-file.js';
import type { FenceConfig, LoadedConfig } from './types.js';

export interface LoadConfigOptions {
  /** Where the walk up for `fence.json` starts; also the fallback project root. */
  projectRoot: string;
  /** Use only this file (and what it extends); relative paths are taken from projectRoot. */
  settingsFile?: string;
  home?: string;
  env?: NodeJS.ProcessEnv;
  /** Parsed-file cache; defaults to one shared by the process. */
  cache?: ConfigCache;
}

export const PROJECT_CONFIG_NAME = 'fence.json';

/** User-level files, lowest priority first: Fence's `~/.fence.json`, then the XDG location. */
export function userConfigFiles(home: string, env: NodeJS.ProcessEnv): string[] {
  const xdg = env.XDG_CONFIG_HOME;
  // The XDG spec says relative values are invalid and must be ignored.
  const configHome = xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
  return [join(home, '.fence.json'), join(configHome, 'fence', 'fence.json')];
}

/** The nearest `fence.json` at or above `start`, or undefined. */
export function findProjectConfig(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, PROJECT_CONFIG_NAME);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // Missing or unreadable directory entry: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Loads the effective fence config: a settings file alone (option or FENCE_CONFIG), or the
 * user layer(s) with the nearest project `fence.json` merged over them. Missing files are
 * skipped; unreadable or invalid ones throw ConfigError.
 */
export function loadConfig(opts: LoadConfigOptions): LoadedConfig {
  const env = opts.env ?? process.env;
  const home = opts.home ?? env.HOME ?? homedir();
  const cache = opts.cache ?? defaultConfigCache;
  const start = resolve(opts.projectRoot);
  const sources: string[] = [];
  let config: FenceConfig = {};

  const settings = opts.settingsFile ?? (env.FENCE_CONFIG || undefined);
  if (settings !== undefined) {
    const file = resolve(start, settings);
    const parsed = readConfigFile(file, cache);
    if (!parsed) {
      const via = opts.settingsFile !== undefined ? 'the settings option' : 'FENCE_CONFIG';
      throw new ConfigError({ file, field: '', problem: `does not exist (named by ${via}).`, fix: 'fix the path or create the file.' });
    }
    config = mergeConfigs(config, expandExtends(parsed, file, cache, sources));
    return { config, sources, projectRoot: start };
  }

  const layer = (file: string): boolean => {
    if (sources.includes(file)) return false;
    const parsed = readConfigFile(file, cache);
    if (!parsed) return false;
    config = mergeConfigs(config, expandExtends(parsed, file, cache, sources));
    return true;
  };
  for (const file of userConfigFiles(home, env)) layer(file);
  const project = findProjectConfig(start);
  const found = project !== undefined && layer(project);
  return { config, sources, projectRoot: found ? dirname(project) : start };
}
