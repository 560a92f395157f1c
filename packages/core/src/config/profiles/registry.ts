import type { FenceConfig } from '../types.js';
import { cargoProfile } from './cargo.js';
import { knownPackagesProfile } from './known-packages.js';
import { npmProfile } from './npm.js';
import { pipProfile } from './pip.js';
import { pnpmProfile } from './pnpm.js';
import { yarnProfile } from './yarn.js';

const PROFILES: Readonly<Record<string, FenceConfig>> = {
  npm: npmProfile,
  pnpm: pnpmProfile,
  yarn: yarnProfile,
  pip: pipProfile,
  cargo: cargoProfile,
  'known-packages': knownPackagesProfile,
};

/** Names usable in `extends`. */
export function profileNames(): string[] {
  return Object.keys(PROFILES);
}

/** A fresh copy of a built-in profile (callers may mutate it), or undefined. */
export function getProfile(name: string): FenceConfig | undefined {
  const profile = Object.hasOwn(PROFILES, name) ? PROFILES[name] : undefined;
  return profile === undefined ? undefined : structuredClone(profile);
}
