import { relative } from 'node:path';
import type { ScriptsReport } from './collect-scripts.js';
import type { Approvals } from './types.js';

const word = (v: boolean | null | undefined) => (v === true ? 'allowed' : v === false ? 'denied' : 'unreviewed');

function approvalText(a: Approvals): string {
  const parts = (['npm', 'pnpm', 'yarn'] as const).filter((pm) => a[pm] !== undefined).map((pm) => `${pm}:${word(a[pm])}`);
  return parts.length ? parts.join(' ') : '-';
}

/** Pads columns to their widest cell. */
function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ')).join('\n');
}

/** The human view of `fence scripts`: one row per package, then its commands. */
export function renderScripts(report: ScriptsReport): string {
  if (!report.packages.length) return `No install scripts in ${report.project} (${report.manager}).\n`;
  const rel = (p: string) => relative(report.project, p) || '.';
  const rows = [['PACKAGE', 'LOCATION', 'EVENTS', 'APPROVAL', 'KNOWN', 'WRITABLE', 'DOMAINS']];
  for (const p of report.packages) {
    rows.push([
      `${p.name}@${p.version ?? '?'}${p.verified ? '' : ' (name mismatch)'}`,
      p.location,
      p.events.map((e) => e.event + (e.implicit ? '(gyp)' : '')).join(','),
      approvalText(p.approval),
      p.known.join(',') || '-',
      p.policy.allowWrite.map((w) => (w === p.dir ? '<its dir>' : rel(w))).join(',') || '-',
      p.policy.allowedDomains.join(',') || 'none',
    ]);
  }
  const commands = report.packages.flatMap((p) => p.events.map((e) => `  ${p.name} ${e.event}: ${e.command}${e.implicit ? '  (implicit: binding.gyp)' : ''}`));
  const sources = report.configSources.length ? report.configSources.join(', ') : 'none (built-in defaults)';
  return `${table(rows)}\n\nCommands:\n${commands.join('\n')}\n\nfence config: ${sources}\n`;
}
