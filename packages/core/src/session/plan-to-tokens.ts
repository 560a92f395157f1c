import type { ScriptPlan } from './script-plan.js';

/**
 * The plan for the compiled fence-shell: NUL-terminated tokens, each a one-letter tag
 * and its value, so no quoting is needed and the client stays a few hundred lines of C.
 *   v1        format version            m<text>   print to stderr
 *   x<code>   exit without running      a<arg>    argv, program first
 *   f<n>r<p>  open p read-only on fd n  f<n>w<p>  open p for writing on fd n
 *   k         keep the caller's env     d<id> / D<id>  report done on failure / always
 */
export function planToTokens(plan: ScriptPlan): string {
  for (const s of [plan.message ?? '', plan.file ?? '', ...(plan.args ?? []), ...plan.fds.map((f) => f.path)]) {
    if (s.includes('\0')) throw new Error('a script-shell argument cannot contain a NUL byte');
  }
  const t = ['v1'];
  if (plan.message !== undefined) t.push(`m${plan.message}`);
  if (!plan.file) return [...t, `x${plan.exitCode ?? 126}`, ''].join('\0');
  for (const f of plan.fds) t.push(`f${f.fd}${f.write ? 'w' : 'r'}${f.path}`);
  if (plan.keepEnv) t.push('k');
  if (plan.report) t.push(`${plan.report.always ? 'D' : 'd'}${plan.report.id}`);
  for (const a of [plan.file, ...(plan.args ?? [])]) t.push(`a${a}`);
  return [...t, ''].join('\0');
}
