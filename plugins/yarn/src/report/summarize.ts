import type { FenceEvent } from '@fence/core';

export interface SessionSummary {
  /** Scripts that ran in the sandbox (start events). */
  sandboxed: number;
  /** Of those, the ones that exited non-zero: `name@version event (exit N)`. */
  failed: string[];
  /** Refused connections per package: `host:port` list. */
  refusals: Map<string, string[]>;
  /** Packages whose manifest disagreed with where they were installed. */
  unverified: string[];
}

const label = (e: FenceEvent) => `${e.package ?? '(unknown)'}${e.version ? `@${e.version}` : ''}`;

export function summarize(events: FenceEvent[]): SessionSummary {
  const s: SessionSummary = { sandboxed: 0, failed: [], refusals: new Map(), unverified: [] };
  for (const e of events) {
    if (e.type === 'script' && e.phase === 'start') s.sandboxed++;
    else if (e.type === 'script' && e.phase === 'end' && typeof e.exitCode === 'number' && e.exitCode !== 0)
      s.failed.push(`${label(e)} ${e.event ?? ''} (exit ${e.exitCode})`);
    else if (e.type === 'network') {
      const list = s.refusals.get(label(e)) ?? [];
      const target = `${e.host}:${e.port} (${e.reason})`;
      if (!list.includes(target)) list.push(target);
      s.refusals.set(label(e), list);
    } else if (e.type === 'identity' && !s.unverified.includes(label(e))) s.unverified.push(label(e));
  }
  return s;
}

/** The summary as lines, the same text for the end of an install and `yarn fence report`. */
export function summaryLines(s: SessionSummary, logPath: string | undefined): Array<{ warn: boolean; text: string }> {
  const lines: Array<{ warn: boolean; text: string }> = [];
  const refusedTotal = [...s.refusals.values()].reduce((n, l) => n + l.length, 0);
  lines.push({ warn: false, text: `fence: ${s.sandboxed} script${s.sandboxed === 1 ? '' : 's'} ran sandboxed, ${refusedTotal} connection${refusedTotal === 1 ? '' : 's'} refused` });
  for (const [pkg, targets] of [...s.refusals].sort(([a], [b]) => a.localeCompare(b)))
    lines.push({ warn: true, text: `fence: refused for ${pkg}: ${targets.join(', ')}` });
  for (const f of s.failed) lines.push({ warn: true, text: `fence: script failed: ${f}` });
  for (const u of s.unverified) lines.push({ warn: true, text: `fence: ${u} declares another name than it was installed under; only the default policy applied` });
  if (logPath) lines.push({ warn: false, text: `fence: session log: ${logPath}` });
  return lines;
}
