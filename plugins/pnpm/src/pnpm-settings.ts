/**
 * What fence needs from pnpm: fence-shell as its script shell (dependency builds,
 * the implicit node-gyp build, root and `pnpm run` scripts), and no side-effects
 * cache, which would restore a build made outside the sandbox without running it.
 * pnpm reads scriptShell only from pnpm-workspace.yaml, its global config.yaml or
 * the environment, not from .npmrc.
 */
import { scriptShellPath } from '@fence/core';

export interface FencePnpmSettings {
  scriptShell: string;
  sideEffectsCache: false;
}

/** The pnpm-workspace.yaml keys (`fence init pnpm` writes these). */
export function fencePnpmSettings(shell: string = scriptShellPath()): FencePnpmSettings {
  return { scriptShell: shell, sideEffectsCache: false };
}

/** The same settings as environment variables, for CI jobs that should not edit files. */
export function fencePnpmEnv(shell: string = scriptShellPath()): Record<string, string> {
  return { pnpm_config_script_shell: shell, pnpm_config_side_effects_cache: 'false' };
}
