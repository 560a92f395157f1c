export { readScriptShellYaml, setPnpmShell, removePnpmShell, SIDE_EFFECTS_MARK, type YamlEdit } from './workspace-yaml.js';
export { pnpmConfigPath } from './pnpm-config-path.js';
export { wirePnpm } from './wire-pnpm.js';
