import { Command, Option } from 'clipanion';
import { collectScripts, renderScripts } from '../scripts/index.js';

export class ScriptsCommand extends Command {
  static override paths = [['scripts']];
  static override usage = Command.Usage({
    description: 'List the install scripts in the project, who approved them, and the fence policy each would run under',
  });

  json = Option.Boolean('--json', false, { description: 'Print JSON' });
  project = Option.String('--project', { description: 'Project directory (default: the current one)' });

  async execute(): Promise<number> {
    try {
      const report = await collectScripts(this.project ?? process.cwd());
      this.context.stdout.write(this.json ? `${JSON.stringify(report, null, 2)}\n` : renderScripts(report));
      return 0;
    } catch (err) {
      this.context.stderr.write(`fence scripts: ${err instanceof Error ? err.message : String(err)}\n`);
      return 1;
    }
  }
}
