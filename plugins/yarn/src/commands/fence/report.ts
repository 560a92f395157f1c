import { BaseCommand } from '@yarnpkg/cli';
import { Configuration, Project } from '@yarnpkg/core';
import { npath } from '@yarnpkg/fslib';
import { Command, Option } from 'clipanion';
import { readLogEvents, newestProjectLog } from '../../report/session-log.js';
import { summarize, summaryLines } from '../../report/summarize.js';

/** `yarn fence report`: the summary of the newest fence session that ran scripts of this project. */
export class FenceReportCommand extends BaseCommand {
  static override paths = [['fence', 'report']];
  static override usage = Command.Usage({
    category: 'Fence-related commands',
    description: 'Summarize the newest fence session log of this project: scripts sandboxed, refusals by package',
  });

  json = Option.Boolean('--json', false, { description: 'Print the raw events of that session as JSON lines' });

  async execute(): Promise<number> {
    const configuration = await Configuration.find(this.context.cwd, this.context.plugins);
    const { project } = await Project.find(configuration, this.context.cwd);
    const log = newestProjectLog(npath.fromPortablePath(project.cwd));
    if (!log) {
      this.context.stdout.write('fence: no session log of this project yet (no script ran under fence)\n');
      return 0;
    }
    const events = readLogEvents(log);
    if (this.json) {
      for (const e of events) this.context.stdout.write(`${JSON.stringify(e)}\n`);
      return 0;
    }
    for (const line of summaryLines(summarize(events), log)) this.context.stdout.write(`${line.text}\n`);
    return 0;
  }
}
