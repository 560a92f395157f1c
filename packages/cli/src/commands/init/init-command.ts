import { Command, Option } from 'clipanion';
import type { WiringOptions, WiringReport } from '../../wiring-options.js';

/** Options and output shared by `fence init npm|pnpm|yarn`. */
export abstract class InitCommand extends Command {
  global = Option.Boolean('--global', false, { description: "Wire the user's config instead of the project's" });
  remove = Option.Boolean('--remove', false, { description: 'Take the fence wiring out again' });
  project = Option.String('--project', { description: 'Project directory (default: the current one)' });

  protected abstract wire(opts: WiringOptions): WiringReport;

  async execute(): Promise<number> {
    try {
      const report = this.wire({ project: this.project ?? process.cwd(), global: this.global, remove: this.remove, env: process.env });
      const out = report.ok ? this.context.stdout : this.context.stderr;
      for (const line of report.lines) out.write(`${line}\n`);
      return report.ok ? 0 : 1;
    } catch (err) {
      this.context.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
}
