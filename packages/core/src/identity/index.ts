export { identifyNpmScript, findProjectRoot, INSTALL_EVENTS, type ScriptRequest } from './npm-identity.js';
export { installLocation, packageDirOf, type InstallLocation } from './install-location.js';
export { nameFromResolved } from './registry-name.js';
export { readManifest } from './read-manifest.js';
