import { Builtins, Cli } from 'clipanion';
import { DoctorCommand, InitNpmCommand, InitPnpmCommand, InitYarnCommand, ReportCommand, ScriptsCommand } from './commands/index.js';

/** The `fence` command line, without running it (tests drive it with `cli.run`). */
export function buildCli(): Cli {
  const cli = new Cli({ binaryLabel: 'fence', binaryName: 'fence', binaryVersion: '0.1.0' });
  for (const c of [DoctorCommand, InitNpmCommand, InitPnpmCommand, InitYarnCommand, ScriptsCommand, ReportCommand]) cli.register(c);
  cli.register(Builtins.HelpCommand);
  cli.register(Builtins.VersionCommand);
  return cli;
}
