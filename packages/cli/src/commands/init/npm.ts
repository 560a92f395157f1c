import { Command } from 'clipanion';
import { wireNpm } from '../../npmrc/index.js';
import type { WiringOptions, WiringReport } from '../../wiring-options.js';
import { InitCommand } from './init-command.js';

export class InitNpmCommand extends InitCommand {
  static override paths = [['init', 'npm']];
  static override usage = Command.Usage({ description: "Set npm's script-shell to fence-shell (.npmrc)" });

  protected wire(opts: WiringOptions): WiringReport {
    return wireNpm(opts);
  }
}
