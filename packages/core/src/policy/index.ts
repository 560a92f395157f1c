export { resolvePolicy, type ResolveInput } from './resolve-policy.js';
export { filterEnv, isSecretName } from './env-filter.js';
export { matchingPackageEntries, splitPackageKey } from './package-match.js';
export { expandPath } from './path-expand.js';
export { HOME_PROTECTED, HOME_SECRETS, PM_CACHES, PROJECT_PROTECTED, PROJECT_SECRETS } from './always-protected.js';
export type * from './types.js';
