import type { FenceConfig } from './types.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeValues(lower: unknown, higher: unknown): unknown {
  if (higher === undefined) return structuredClone(lower);
  if (Array.isArray(lower) && Array.isArray(higher)) return [...new Set([...lower, ...higher])];
  if (isPlainObject(lower) && isPlainObject(higher)) {
    const out: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(lower), ...Object.keys(higher)])) {
      out[key] = mergeValues(lower[key], higher[key]);
    }
    return out;
  }
  return structuredClone(higher);
}

/**
 * Merges two validated configs: lists concatenate without duplicates (lower first), scalars
 * from `higher` win, objects (including each `packages` entry) merge key by key. Returns a
 * new object; neither input is changed. `extends` must already be expanded (see extends.ts).
 */
export function mergeConfigs(lower: FenceConfig, higher: FenceConfig): FenceConfig {
  return mergeValues(lower, higher) as FenceConfig;
}
