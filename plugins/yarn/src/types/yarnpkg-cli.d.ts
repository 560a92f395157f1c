// @yarnpkg/cli ships inside Yarn's bundle only (no types installed): the one class the commands extend.
declare module '@yarnpkg/cli' {
  import type { CommandContext } from '@yarnpkg/core';
  import { Command } from 'clipanion';

  export abstract class BaseCommand extends Command<CommandContext> {
    cwd: string | undefined;
    abstract override execute(): Promise<number | void>;
  }
}
