// The Yarn Berry plugin: every lifecycle script in its own fence sandbox. Hooks and commands only.
import type { CommandContext, Hooks, Plugin } from '@yarnpkg/core';
import type { CommandClass } from 'clipanion';
import { FenceReportCommand } from './commands/fence/report.js';
import { FenceScriptsCommand } from './commands/fence/scripts.js';
import { setupScriptEnvironment } from './gyp/node-gyp-shim.js';
import { afterAllInstalled } from './hooks/after-all-installed.js';
import { markInstalling } from './hooks/install-state.js';
import { wrapScriptExecution } from './hooks/wrap-script.js';
import { fenceRootSetting } from './settings/fence-root-setting.js';

const commands: Array<CommandClass<CommandContext>> = [FenceReportCommand, FenceScriptsCommand];

const plugin: Plugin<Hooks> = {
  configuration: fenceRootSetting,
  commands,
  hooks: {
    validateProject: () => markInstalling(),
    setupScriptEnvironment,
    wrapScriptExecution,
    afterAllInstalled,
  },
};

export default plugin;
