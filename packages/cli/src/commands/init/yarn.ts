import { Command } from 'clipanion';
import { wireYarn } from '../../yarn/index.js';
import type { WiringOptions, WiringReport } from '../../wiring-options.js';
import { InitCommand } from './init-command.js';

export class InitYarnCommand extends InitCommand {
  static override paths = [['init', 'yarn']];
  static override usage = Command.Usage({ description: "Load the fence plugin into Yarn (yarn plugin import, or ~/.yarnrc.yml with --global)" });

  protected wire(opts: WiringOptions): WiringReport {
    return wireYarn(opts);
  }
}
