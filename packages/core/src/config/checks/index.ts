import type { StringCheck } from '../schema-source.js';
import type { CheckResult } from './check-result.js';
import { checkConfigPath } from './config-path.js';
import { checkDomainPattern } from './domain-pattern.js';
import { checkEnvGlob } from './env-glob.js';
import { checkExtendsEntry } from './extends-entry.js';
import { checkPackageKey } from './package-key.js';
import { checkProxyUrl } from './proxy-url.js';

export type { CheckFailure, CheckResult } from './check-result.js';
export { DOMAIN_SHAPE, checkDomainPattern } from './domain-pattern.js';
export { ENV_GLOB_SHAPE, checkEnvGlob } from './env-glob.js';
export { checkProxyUrl } from './proxy-url.js';
export { checkConfigPath } from './config-path.js';
export { checkPackageKey } from './package-key.js';
export { EXTENDS_PATH_PATTERN, checkExtendsEntry, isExtendsPath } from './extends-entry.js';

/** The checker behind each StringCheck named in schema-source.ts. */
export const STRING_CHECKS: Readonly<Record<StringCheck, (value: string) => CheckResult>> = {
  'allowed-domain': (v) => checkDomainPattern(v, true),
  'denied-domain': (v) => checkDomainPattern(v, false),
  'proxy-url': checkProxyUrl,
  'env-allow-glob': (v) => checkEnvGlob(v, true),
  'env-deny-glob': (v) => checkEnvGlob(v, false),
  path: checkConfigPath,
  'extends-entry': checkExtendsEntry,
  'package-key': checkPackageKey,
};
