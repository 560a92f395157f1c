import { noAllowances, type CommandAllowances, type CommandContext } from './allowances.js';
import { cargoAllowances } from './cargo-allowances.js';
import { pipAllowances } from './pip-allowances.js';
import { packageManagerAllowances } from './pm-allowances.js';

/** The run-time allowances of a built-in profile for this command line. */
export function commandAllowances(profile: string, cmd: string[], ctx: CommandContext): CommandAllowances {
  switch (profile) {
    case 'pip':
      return pipAllowances(cmd, ctx);
    case 'cargo':
      return cargoAllowances(cmd, ctx);
    case 'npm':
    case 'pnpm':
    case 'yarn':
      return packageManagerAllowances(profile, ctx);
    default:
      return noAllowances();
  }
}
