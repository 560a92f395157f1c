import type { PackageReport, RefusedFile, ScriptRun } from '@fence/core';
import type { LoadedReport } from './load-report.js';

const OUTCOME: Record<RefusedFile['outcome'], string> = {
  refused: 'refused',
  hidden: 'hidden (the script saw nothing)',
  discarded: 'discarded (went to the throwaway home)',
};

function scriptLine(s: ScriptRun): string {
  const exit = s.exitCode === undefined ? 'did not finish' : `exit ${s.exitCode}`;
  const time = s.durationMs === undefined ? '' : `, ${s.durationMs} ms`;
  return `    ${s.event ?? '(script)'}: ${exit}${time}`;
}

function packageBlock(p: PackageReport): string[] {
  const head = `${p.name}${p.version ? `@${p.version}` : ''}${p.kind ? ` (${p.kind})` : ''}${p.verified ? '' : '  identity NOT verified'}`;
  const lines = [head];
  if (p.scripts.length) lines.push('  scripts:', ...p.scripts.map(scriptLine));
  if (p.network.length) {
    lines.push('  refused connections:');
    for (const n of p.network) lines.push(`    ${n.host.includes(':') ? `[${n.host}]` : n.host}:${n.port}  ${n.reason}${n.count > 1 ? `  x${n.count}` : ''}`);
  }
  if (p.files.length) {
    lines.push('  refused file accesses:');
    for (const f of p.files) {
      const to = f.target ? ` -> ${f.target}` : '';
      const errno = f.errno ? `, ${f.errno}` : '';
      lines.push(`    ${f.operation} ${f.path}${to}  ${OUTCOME[f.outcome]}${errno}${f.count > 1 ? `  x${f.count}` : ''}`);
    }
  }
  for (const w of p.identityWarnings) lines.push(`  identity: ${w}`);
  return lines;
}

/** The human summary, grouped by package, and the suggestion when there is one. */
export function formatReport(r: LoadedReport): string {
  const out = [`fence report: ${r.log}`, ''];
  for (const p of r.packages) out.push(...packageBlock(p), '');
  const refused = r.packages.some((p) => p.network.length || p.files.length || p.identityWarnings.length);
  if (!refused) out.push('Nothing was refused.', '');
  if (r.suggestion) {
    const { config, notSuggested } = r.suggestion;
    if (Object.keys(config).length) out.push('Suggested fence.json entries (review before pasting):', JSON.stringify(config, null, 2), '');
    else out.push('No fence.json entries to suggest.', '');
    if (notSuggested.length) {
      out.push('Not suggested:');
      for (const n of notSuggested) out.push(`  ${n.package}: ${n.what}  (${n.why})`);
      out.push('');
    }
  }
  return out.join('\n');
}
