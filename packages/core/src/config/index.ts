// Public API of the fence.json layer.
export type * from './types.js';
export { ConfigError, type ConfigProblem } from './errors.js';
export { FENCE_CONFIG_SPEC, type FieldSpec, type StringCheck } from './schema-source.js';
export { toJsonSchema } from './json-schema.js';
export { parseJson, type ParsedJson, type SourcePosition } from './parse-json.js';
export { validateConfig, validateParsed } from './validate.js';
export { mergeConfigs } from './merge.js';
export { expandExtends } from './extends.js';
export { createConfigCache, defaultConfigCache, type ConfigCache, type ParsedConfigFile } from './config-cache.js';
export { readConfigFile } from './read-config-file.js';
export { loadConfig, findProjectConfig, userConfigFiles, PROJECT_CONFIG_NAME, type LoadConfigOptions } from './load.js';
export { getProfile, profileNames, NODE_HEADERS_HOSTS, GITHUB_RELEASE_HOSTS } from './profiles/index.js';
export {
  checkDomainPattern, checkEnvGlob, checkPackageKey, checkProxyUrl, checkConfigPath, isExtendsPath,
  type CheckFailure, type CheckResult,
} from './checks/index.js';
