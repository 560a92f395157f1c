import type { DoctorReport } from './run-doctor.js';

const MARK = { ok: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip' } as const;

/** One line per check, with its fix indented under it. */
export function formatDoctor(report: DoctorReport): string {
  const lines: string[] = [];
  for (const c of report.checks) {
    lines.push(`${MARK[c.status]}  ${c.title}: ${c.detail}`);
    if (c.fix && c.status !== 'ok') lines.push(`      fix: ${c.fix}`);
  }
  lines.push(report.ok ? 'fence can sandbox scripts here.' : 'fence cannot sandbox scripts here: fix the FAIL lines above.');
  return `${lines.join('\n')}\n`;
}
