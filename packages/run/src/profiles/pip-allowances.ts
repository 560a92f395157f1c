import { isAbsolute, join, resolve } from 'node:path';
import { noAllowances, type CommandAllowances, type CommandContext } from './allowances.js';
import { parsePipArgs } from './pip-args.js';
import { configuredPipUrls } from './pip-config.js';
import { findVenv } from './python-venv.js';
import { hostsOf } from './url-host.js';

/** pip's download cache as pip picks it: PIP_CACHE_DIR, else $XDG_CACHE_HOME/pip, else ~/.cache/pip. */
function pipCacheDir(env: NodeJS.ProcessEnv, home: string): string {
  if (env.PIP_CACHE_DIR && isAbsolute(env.PIP_CACHE_DIR)) return env.PIP_CACHE_DIR;
  const xdg = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(home, '.cache');
  return join(xdg, 'pip');
}

/**
 * pip (and `python -m pip`, `uv pip`): the index hosts it is configured with,
 * and the one place this command installs into: the active virtualenv, or
 * --target / --prefix / --root, or the user site with --user. setup.py and
 * PEP 517 builds are children of pip and run in the same sandbox.
 */
export function pipAllowances(cmd: string[], ctx: CommandContext): CommandAllowances {
  const out = noAllowances();
  const args = parsePipArgs(cmd);
  const venv = findVenv(cmd, ctx.cwd, ctx.env);
  out.allowedDomains.push(...hostsOf([...args.indexUrls, ...configuredPipUrls(ctx.env, ctx.home, venv)]));

  const explicit = [args.target, args.prefix, args.root].filter((p): p is string => !!p).map((p) => resolve(ctx.cwd, p));
  if (explicit.length) {
    out.allowWrite.push(...explicit);
    out.createDirs.push(...explicit);
  } else if (args.user) {
    // Scripts would go to ~/.local/bin, which stays read-only (a PATH entry is persistence).
    const userLib = join(ctx.home, '.local', 'lib');
    out.allowWrite.push(userLib);
    out.createDirs.push(userLib);
  } else if (venv) {
    out.allowWrite.push(venv);
  }

  const cache = pipCacheDir(ctx.env, ctx.home);
  out.allowWrite.push(cache);
  out.createDirs.push(cache);
  return out;
}
