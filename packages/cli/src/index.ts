// Public API of @fence/cli (the `fence` command is bin/fence.js -> dist/main.js).
export { buildCli } from './build-cli.js';
export * from './commands/index.js';
export { runDoctor, formatDoctor, type CheckResult, type DoctorReport } from './doctor/index.js';
export { setScriptShell, removeScriptShell, readScriptShell, npmrcPath } from './npmrc/index.js';
export { wireNpm } from './npmrc/index.js';
export { setPnpmShell, removePnpmShell, readScriptShellYaml, pnpmConfigPath } from './pnpm/index.js';
export { wirePnpm } from './pnpm/index.js';
export { addYarnPlugin, removeYarnPlugin, listYarnPlugins, yarnrcPath } from './yarn/index.js';
export { wireYarn } from './yarn/index.js';
export { fenceShellPath, yarnBundlePath, YARN_PLUGIN_SPEC } from './install-paths/index.js';
export { collectScripts, renderScripts, installEvents, type ScriptsReport, type ScriptPackage } from './scripts/index.js';
export type { WiringOptions, WiringReport } from './wiring-options.js';
