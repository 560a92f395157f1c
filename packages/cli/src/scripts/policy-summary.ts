import { getProfile, matchingPackageEntries, resolvePolicy, type FenceConfig } from '@fence/core';
import type { FoundPackage, ScriptPackage } from './types.js';

const KNOWN = getProfile('known-packages')?.packages;

/** Writable paths and allowed domains the package's scripts would get, and the known-packages entries covering it. */
export function policyFor(pkg: FoundPackage, config: FenceConfig, projectRoot: string, env: NodeJS.ProcessEnv): Pick<ScriptPackage, 'policy' | 'known'> {
  const policy = resolvePolicy({
    config,
    identity: { name: pkg.name, version: pkg.version, dir: pkg.dir, kind: 'dependency', verified: pkg.verified },
    cwd: pkg.dir,
    projectRoot,
    env,
  });
  return {
    policy: { allowWrite: policy.filesystem.allowWrite, allowedDomains: policy.network.allowedDomains },
    known: matchingPackageEntries(KNOWN, pkg.name, pkg.version).map(([key]) => key),
  };
}
