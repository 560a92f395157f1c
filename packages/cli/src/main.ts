import { buildCli } from './build-cli.js';

void buildCli().runExit(process.argv.slice(2));
