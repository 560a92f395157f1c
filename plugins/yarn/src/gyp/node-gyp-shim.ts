import { existsSync } from 'node:fs';
import type { Project } from '@yarnpkg/core';
import { insideFenceSandbox, scriptShellPath } from '@fence/core';
import { resolveFenceRoot } from '../settings/fence-root-setting.js';
import { findNodeGyp, nodeHeadersDir } from './find-node-gyp.js';

type MakePathWrapper = (name: string, argv0: string, args: string[]) => Promise<void>;

/**
 * The sandboxed `node-gyp` on every script's PATH. Yarn runs the implicit build of a
 * package with only a binding.gyp as shell code (`node-gyp rebuild`), outside
 * wrapScriptExecution; that build finds this shim first. The shim hands the build to
 * npm's fence-shell, which sandboxes it like an npm script: Yarn's process is its parent
 * (every exec keeps the pid), so it reaches this install's broker, and it identifies the
 * package from its cwd (node_modules/<name>, or .yarn/unplugged/<name>-<hash>/node_modules/<name>).
 * Yarn sets no lifecycle event for that build; npm calls it `install`.
 */
const SHIM = ': "${npm_lifecycle_event:=install}"; export npm_lifecycle_event; exec "$0" -c \'exec "$0" "$@"\' "$@"';

export async function setupScriptEnvironment(project: Project, env: NodeJS.ProcessEnv, makePathWrapper: MakePathWrapper): Promise<void> {
  // node-gyp downloads headers unless told where Node's are (Yarn passes no nodedir).
  const headers = nodeHeadersDir();
  if (headers && !env.npm_config_nodedir) env.npm_config_nodedir = headers;
  if (insideFenceSandbox()) return;
  const nodeGyp = findNodeGyp();
  if (!nodeGyp) return;
  let shell: string;
  try {
    shell = scriptShellPath(resolveFenceRoot(project.configuration, env));
  } catch {
    return; // wrapScriptExecution reports the missing installation and fails closed.
  }
  if (!existsSync(shell)) return;
  await makePathWrapper('node-gyp', '/bin/sh', ['-c', SHIM, shell, process.execPath, nodeGyp]);
}
