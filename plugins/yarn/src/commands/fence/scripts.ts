import { BaseCommand } from '@yarnpkg/cli';
import { Configuration, Project } from '@yarnpkg/core';
import { Command, Option } from 'clipanion';
import { collectYarnScripts, renderYarnScripts } from '../../scripts/collect-yarn-scripts.js';

/** `yarn fence scripts`: install scripts of this project, their dependenciesMeta approval and fence policy. */
export class FenceScriptsCommand extends BaseCommand {
  static override paths = [['fence', 'scripts']];
  static override usage = Command.Usage({
    category: 'Fence-related commands',
    description: 'List the packages with install scripts, their dependenciesMeta.built approval and the fence policy each runs under',
  });

  json = Option.Boolean('--json', false, { description: 'Print JSON' });

  async execute(): Promise<number> {
    const configuration = await Configuration.find(this.context.cwd, this.context.plugins);
    const { project } = await Project.find(configuration, this.context.cwd);
    await project.restoreInstallState();
    const pkgs = await collectYarnScripts(project);
    this.context.stdout.write(this.json ? `${JSON.stringify(pkgs, null, 2)}\n` : renderYarnScripts(pkgs));
    return 0;
  }
}
