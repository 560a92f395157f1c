import { shellQuote } from '../sandbox/shell-quote.js';
import type { ScriptPlan } from './script-plan.js';

export interface ShellTarget {
  /** Names in the caller's environment: all are unset before a sandbox starts. */
  callerEnvNames: string[];
  /** How the POSIX fence-shell reports `done`: socat and the broker's control socket. */
  socat: string;
  controlSocket: string;
}

/** The plan as shell text for the POSIX fence-shell to `eval`. */
export function planToShell(plan: ScriptPlan, target: ShellTarget): string {
  const lines: string[] = [];
  if (plan.message !== undefined) lines.push(`printf '%s\\n' ${shellQuote(plan.message)} >&2`);
  if (!plan.file) return [...lines, `exit ${plan.exitCode ?? 126}`].join('\n');
  const redirs = plan.fds.map((f) => `${f.fd}${f.write ? '>' : '<'}${shellQuote(f.path)}`);
  let cmd = [plan.file, ...(plan.args ?? [])].map(shellQuote).concat(redirs).join(' ');
  if (!plan.keepEnv) {
    // `unset` is a builtin (no exec); names sh cannot unset need env -i.
    const names = [...new Set([...target.callerEnvNames, 'PWD', 'OLDPWD'])];
    if (names.every((n) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(n))) lines.push(`unset ${names.join(' ')}`);
    else cmd = `${shellQuote('/usr/bin/env')} -i ${cmd}`;
  }
  if (!plan.report) return [...lines, `exec ${cmd}`].join('\n');
  const { id, always } = plan.report;
  const report = `printf '{"op":"done","id":${id},"rc":%s}\\n' $fence_rc`;
  const to = (secs: number) => `${shellQuote(target.socat)} -t ${secs} - ${shellQuote(`UNIX-CONNECT:${target.controlSocket}`)} >&2 2>/dev/null`;
  return [
    ...lines,
    cmd,
    'fence_rc=$?',
    always ? `${report} | ${to(30)}` : `if [ $fence_rc -ne 0 ]; then ${report} | ${to(5)}; fi`,
    'exit $fence_rc',
  ].join('\n');
}
