import { Command, Option } from 'clipanion';
import { formatDoctor, runDoctor } from '../doctor/index.js';

export class DoctorCommand extends Command {
  static override paths = [['doctor']];
  static override usage = Command.Usage({ description: 'Check that this machine can sandbox scripts, and how the project is wired' });

  json = Option.Boolean('--json', false, { description: 'Print the checks as JSON' });
  project = Option.String('--project', { description: 'Project directory (default: the current one)' });

  async execute(): Promise<number> {
    const report = runDoctor(this.project ?? process.cwd());
    this.context.stdout.write(this.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctor(report));
    return report.ok ? 0 : 1;
  }
}
