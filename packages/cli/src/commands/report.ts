import { Command, Option } from 'clipanion';
import { formatReport, loadReport } from '../report/index.js';

export class ReportCommand extends Command {
  static override paths = [['report']];
  static override usage = Command.Usage({
    description: 'Show what the scripts of the last install tried and fence refused, grouped by package',
    details: 'Reads the newest session log naming this project (or --log FILE). `--suggest` prints the smallest fence.json entries that would allow what was refused.',
  });

  json = Option.Boolean('--json', false, { description: 'Print JSON' });
  suggest = Option.Boolean('--suggest', false, { description: 'Suggest fence.json entries for what was refused' });
  log = Option.String('--log', { description: 'Session log file (default: the newest one naming the project)' });
  project = Option.String('--project', { description: 'Project directory (default: the current one)' });

  async execute(): Promise<number> {
    try {
      const report = loadReport({ project: this.project, log: this.log, suggest: this.suggest, env: process.env });
      this.context.stdout.write(this.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      return 0;
    } catch (err) {
      this.context.stderr.write(`fence report: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
}
