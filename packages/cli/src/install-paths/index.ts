export { fenceShellPath } from './fence-shell-path.js';
export { yarnBundleCandidate, yarnBundlePath, YARN_PLUGIN_SPEC } from './yarn-bundle-path.js';
