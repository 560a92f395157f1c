import { Command, Option } from 'clipanion';
import { runFenced } from '../run-fenced.js';

export class RunCommand extends Command {
  static override paths = [Command.Default];
  static override usage = Command.Usage({
    description: 'run a command inside the fence sandbox',
    details: `
      Runs CMD with the effective policy: writes only to the current directory and a private temp dir,
      the home directory replaced by an empty one, secrets hidden, tokens out of the environment, and
      network only through fence's filtering proxy (nothing allowed unless fence.json says so).
    `,
    examples: [
      ['Run a build', '$0 make'],
      ['Allow one host', '$0 --allow-domain example.com -- curl https://example.com'],
      ['Run a shell string', '$0 -c "npm run build && npm test"'],
      ['Show the policy only', '$0 --print-policy -- pip install .'],
    ],
  });

  settings = Option.String('--settings', { description: 'use this fence.json only' });
  allowWrite = Option.Array('--allow-write', [], { description: 'also writable (repeatable)' });
  allowDomain = Option.Array('--allow-domain', [], { description: 'also reachable through the proxy (repeatable)' });
  profile = Option.String('--profile', { description: 'force a built-in profile (npm, pnpm, yarn, pip, cargo, none)' });
  monitor = Option.Boolean('-m,--monitor', false, { description: 'print refused connections as they happen' });
  debug = Option.Boolean('-d,--debug', false, { description: 'print the sandbox command line' });
  audit = Option.Boolean('--audit', false, { description: 'also record refused file accesses (slow, needs strace)' });
  printPolicy = Option.Boolean('--print-policy', false, { description: 'print the effective policy and exit' });
  shellString = Option.String('-c', { description: 'run this string with /bin/sh -c' });
  command = Option.Rest();

  async execute(): Promise<number> {
    const cmd = this.shellString !== undefined ? ['/bin/sh', '-c', this.shellString, ...this.command] : this.command;
    if (cmd.length === 0) {
      this.context.stderr.write('fence-run: no command given. Usage: fence-run [options] [--] CMD [ARGS...]\n');
      return 2;
    }
    return runFenced({
      cmd,
      cwd: process.cwd(),
      env: process.env,
      settingsFile: this.settings,
      allowWrite: this.allowWrite,
      allowDomains: this.allowDomain,
      profile: this.profile,
      monitor: this.monitor,
      debug: this.debug,
      audit: this.audit,
      printPolicy: this.printPolicy,
      stdout: this.context.stdout,
      stderr: this.context.stderr,
    });
  }
}
