export { addYarnPlugin, removeYarnPlugin, listYarnPlugins, type YarnrcEdit } from './yarnrc-plugins.js';
export { yarnrcPath } from './yarnrc-path.js';
export { findYarn } from './find-yarn.js';
export { runYarn, type YarnResult } from './run-yarn.js';
export { wireYarn } from './wire-yarn.js';
