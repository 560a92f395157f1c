import { Command } from 'clipanion';
import { wirePnpm } from '../../pnpm/index.js';
import type { WiringOptions, WiringReport } from '../../wiring-options.js';
import { InitCommand } from './init-command.js';

export class InitPnpmCommand extends InitCommand {
  static override paths = [['init', 'pnpm']];
  static override usage = Command.Usage({ description: "Set pnpm's scriptShell to fence-shell and turn off its side-effects cache (pnpm-workspace.yaml)" });

  protected wire(opts: WiringOptions): WiringReport {
    return wirePnpm(opts);
  }
}
