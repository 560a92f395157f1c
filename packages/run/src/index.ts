// Public API of @fence/run: the launcher as a function, and the command-to-profile logic.
export { runFenced, type RunFencedOptions } from './run-fenced.js';
export { commandProfile } from './command-profile.js';
export { formatPolicy } from './print-policy.js';
export { splitArgv } from './split-argv.js';
export * from './profiles/index.js';
