// Turns case results into results.json (every number) and results.md (one table).
import { summarize, ratio } from './stats.mjs';

/** A case's results as plain JSON: per variant median, p90, n, ratio vs its baseline. */
export function caseJson(c) {
  const variants = {};
  const medians = {};
  for (const [name, r] of c.results) {
    variants[name] = { ...summarize(r.samples, c.unit), ...(r.error ? { error: r.error } : {}) };
    medians[name] = variants[name].median;
  }
  for (const [name, v] of Object.entries(variants)) {
    const base = c.baselines?.[name] ?? c.baseline;
    if (base && base !== name && medians[base] != null) {
      v.baseline = base;
      v.ratio = c.higherIsBetter ? ratio(medians[base], v.median) : ratio(v.median, medians[base]);
    }
  }
  return {
    title: c.title, unit: c.unit, baseline: c.baseline, higherIsBetter: Boolean(c.higherIsBetter), variants,
    skipped: c.skipped ?? {}, ...(c.notes ? { notes: c.notes } : {}), ...(c.extra ?? {}),
  };
}

const fmt = (x) => (x == null ? '–' : String(x));

/** Markdown: a machine line, then one table per case. */
export function resultsMarkdown(json) {
  const m = json.machine;
  const lines = [
    `Measured ${json.date.slice(0, 10)} (${json.mode} run) on ${m.cpu}, ${m.cores} cores, Linux ${m.kernel}, ` +
      `load average at start ${m.loadAverageAtStart.join(' / ')}; Node ${m.versions.node}, npm ${m.versions.npm}, ` +
      `pnpm ${m.versions.pnpm}, Yarn ${m.versions.yarn}, bubblewrap ${m.versions.bwrap}, srt ${m.versions.srt}. ` +
      'Medians of interleaved runs; p90 beside; ratio = median / baseline median ' +
      '(for throughput: baseline / median, so higher is slower everywhere).',
    '',
  ];
  for (const c of Object.values(json.cases)) {
    lines.push(`### ${c.title}`, '', `| variant | median (${c.unit}) | p90 | n | ratio |`, '|---|---:|---:|---:|---:|');
    for (const [name, v] of Object.entries(c.variants)) {
      const note = v.error ? ` (failed: ${v.error.slice(0, 120)})` : '';
      const r = v.ratio != null ? `${v.ratio}x vs ${v.baseline}` : name === c.baseline ? 'baseline' : '–';
      lines.push(`| ${name}${note} | ${fmt(v.median)} | ${fmt(v.p90)} | ${v.n} | ${r} |`);
    }
    for (const [name, why] of Object.entries(c.skipped)) lines.push(`| ${name} | skipped: ${why} | | | |`);
    for (const n of c.notes ?? []) lines.push('', `- ${n}`);
    lines.push('');
  }
  return lines.join('\n');
}
