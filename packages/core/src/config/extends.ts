import { dirname, resolve } from 'node:path';
import { isExtendsPath } from './checks/index.js';
import type { ConfigCache, ParsedConfigFile } from './config-cache.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import { mergeConfigs } from './merge.js';
import { getProfile } from './profiles/index.js';
import { readConfigFile } from './read-config-file.js';
import type { FenceConfig } from './types.js';

function problemAt(parsed: ParsedConfigFile, file: string, index: number, problem: string, fix: string): ConfigProblem {
  const field = `extends[${index}]`;
  const at = parsed.positions.get(field);
  return { file, field, problem, fix, ...(at ? { line: at.line, column: at.column } : {}) };
}

/**
 * A config with its `extends` expanded: each entry (profile or file, itself expanded) is
 * merged in order, then the config on top. `visited` collects every file read, lowest first.
 */
export function expandExtends(
  parsed: ParsedConfigFile,
  file: string,
  cache: ConfigCache,
  visited: string[] = [],
  chain: readonly string[] = [file],
): FenceConfig {
  const { extends: entries, ...own } = parsed.config;
  let base: FenceConfig = {};
  (entries ?? []).forEach((entry, i) => {
    if (!isExtendsPath(entry)) {
      const profile = getProfile(entry);
      if (!profile) throw new ConfigError(problemAt(parsed, file, i, `"${entry}" is not a built-in profile.`, 'remove it or use a profile name.'));
      base = mergeConfigs(base, profile);
      return;
    }
    const target = resolve(dirname(file), entry);
    if (chain.includes(target)) {
      const loop = [...chain.slice(chain.indexOf(target)), target].join(' -> ');
      throw new ConfigError(problemAt(parsed, file, i, `"${entry}" creates an extends cycle: ${loop}.`, 'remove one of the extends entries in that loop.'));
    }
    const child = readConfigFile(target, cache);
    if (!child) {
      throw new ConfigError(problemAt(parsed, file, i, `"${entry}" does not exist (${target}).`, 'fix the path; it is relative to the file that extends it.'));
    }
    base = mergeConfigs(base, expandExtends(child, target, cache, visited, [...chain, target]));
  });
  if (!visited.includes(file)) visited.push(file);
  return mergeConfigs(base, own);
}
