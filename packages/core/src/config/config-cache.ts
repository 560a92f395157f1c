import type { SourcePosition } from './parse-json.js';
import type { FenceConfig } from './types.js';

/** One parsed and validated file (its `extends` not yet expanded). */
export interface ParsedConfigFile {
  config: FenceConfig;
  positions: ReadonlyMap<string, SourcePosition>;
}

/**
 * Parsed files keyed by path and stamped with mtime (ns), size and inode, so a long-lived
 * daemon re-reads a file only when it changed. Entries are never handed out for mutation:
 * merging always builds new objects.
 */
export interface ConfigCache {
  get(file: string, stamp: string): ParsedConfigFile | undefined;
  set(file: string, stamp: string, parsed: ParsedConfigFile): void;
  clear(): void;
}

export function createConfigCache(maxEntries = 256): ConfigCache {
  const entries = new Map<string, { stamp: string; parsed: ParsedConfigFile }>();
  return {
    get(file, stamp) {
      const hit = entries.get(file);
      return hit && hit.stamp === stamp ? hit.parsed : undefined;
    },
    set(file, stamp, parsed) {
      entries.delete(file);
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
      entries.set(file, { stamp, parsed });
    },
    clear() {
      entries.clear();
    },
  };
}

/** Shared by loadConfig calls that pass no cache of their own. */
export const defaultConfigCache: ConfigCache = createConfigCache();
