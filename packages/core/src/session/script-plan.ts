import type { LaunchSpec } from '../sandbox/launch-spec.js';

/**
 * What the script-shell does with one script, decided by the broker: run a program
 * (sandboxed, or on the host), or print why not and exit. Rendered as shell text for
 * the POSIX fence-shell, or as NUL-separated tokens for the compiled one.
 */
export interface ScriptPlan {
  /** Printed to stderr first: a refusal, or the reduced-isolation warning. One line break is added. */
  message?: string;
  /** Without `file`: exit with this code and run nothing. */
  exitCode?: number;
  /** Absolute path of the program, and its arguments. */
  file?: string;
  args?: string[];
  /** Files the program finds open on these fds (the seccomp program, the audit log). */
  fds: LaunchSpec['fds'];
  /**
   * A host run keeps the caller's environment. A sandbox starts with an empty one: bwrap
   * stays pid 1 inside, and a sandboxed script can read /proc/1/environ.
   */
  keepEnv: boolean;
  /** Report `done` to the broker: only when the script fails, or always (audit mode waits for it). */
  report?: { id: number; always: boolean };
}

export const refusalPlan = (message: string, exitCode: number): ScriptPlan => ({ message, exitCode, fds: [], keepEnv: false });

export const hostPlan = (args: string[]): ScriptPlan => ({ file: '/bin/sh', args, fds: [], keepEnv: true });

export const launchPlan = (spec: LaunchSpec): ScriptPlan => ({
  file: spec.file,
  args: spec.args,
  fds: spec.fds,
  keepEnv: false,
  ...(spec.warning ? { message: spec.warning } : {}),
});
