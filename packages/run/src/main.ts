import { Cli } from 'clipanion';
import { RunCommand } from './commands/run.js';
import { splitArgv } from './split-argv.js';

const cli = new Cli({ binaryLabel: 'fence-run', binaryName: 'fence-run', binaryVersion: '0.1.0' });
cli.register(RunCommand);
void cli.runExit(splitArgv(process.argv.slice(2)));
