export { readScriptShell, setScriptShell, removeScriptShell, SCRIPT_SHELL_KEY, type NpmrcEdit } from './edit-npmrc.js';
export { npmrcPath } from './npmrc-path.js';
export { isFenceShell } from './is-fence-shell.js';
export { wireNpm } from './wire-npm.js';
