import { isAbsolute, join, resolve } from 'node:path';
import { noAllowances, type CommandAllowances, type CommandContext } from './allowances.js';
import { configuredCargoUrls } from './cargo-config.js';
import { hostsOf } from './url-host.js';

/** cargo's home as cargo picks it: $CARGO_HOME, else ~/.cargo. */
export function cargoHomeOf(env: NodeJS.ProcessEnv, home: string): string {
  return env.CARGO_HOME && isAbsolute(env.CARGO_HOME) ? env.CARGO_HOME : join(home, '.cargo');
}

/** `--target-dir DIR` on the command line, else CARGO_TARGET_DIR, else ./target. */
function targetDir(cmd: string[], ctx: CommandContext): string {
  const i = cmd.findIndex((w) => w === '--target-dir' || w.startsWith('--target-dir='));
  const fromArgs = i < 0 ? undefined : cmd[i]!.includes('=') ? cmd[i]!.slice(cmd[i]!.indexOf('=') + 1) : cmd[i + 1];
  return resolve(ctx.cwd, fromArgs ?? ctx.env.CARGO_TARGET_DIR ?? 'target');
}

/**
 * cargo build/test/run/check/install/fetch: the registries and git sources its
 * config names, its target directory, the registry and git caches of $CARGO_HOME,
 * the toolchains readable; its credentials hidden wherever $CARGO_HOME is.
 */
export function cargoAllowances(cmd: string[], ctx: CommandContext): CommandAllowances {
  const out = noAllowances();
  const cargoHome = cargoHomeOf(ctx.env, ctx.home);
  out.allowedDomains.push(...hostsOf(configuredCargoUrls(ctx.cwd, cargoHome)));

  const target = targetDir(cmd, ctx);
  const caches = [join(cargoHome, 'registry'), join(cargoHome, 'git')];
  out.allowWrite.push(target, ...caches);
  out.createDirs.push(target, ...caches);
  // `cargo install` puts binaries in $CARGO_HOME/bin and records them beside it; only when asked for.
  if (cmd.includes('install')) out.allowWrite.push(join(cargoHome, 'bin'), join(cargoHome, '.crates.toml'), join(cargoHome, '.crates2.json'));

  const rustupHome = ctx.env.RUSTUP_HOME && isAbsolute(ctx.env.RUSTUP_HOME) ? ctx.env.RUSTUP_HOME : join(ctx.home, '.rustup');
  out.allowRead.push(rustupHome, join(cargoHome, 'bin'), join(cargoHome, 'config.toml'), join(cargoHome, 'config'));
  out.denyRead.push(join(cargoHome, 'credentials.toml'), join(cargoHome, 'credentials'));
  return out;
}
