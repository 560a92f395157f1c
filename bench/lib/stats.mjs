// Summary statistics of timing samples. Medians and p90 (nearest rank), never means:
// one stall from a busy neighbour must not move the headline number.

export function quantile(samples, q) {
  if (samples.length === 0) return null;
  const s = [...samples].sort((a, b) => a - b);
  if (q === 0.5) return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/** { median, p90, n } of a sample list, or a skip record when there is none. */
export function summarize(samples, unit) {
  if (!samples || samples.length === 0) return { n: 0, unit, median: null, p90: null };
  return { n: samples.length, unit, median: round(quantile(samples, 0.5)), p90: round(quantile(samples, 0.9)) };
}

/** Ratio of medians, rounded; null when either side is missing. */
export function ratio(value, baseline) {
  if (value == null || baseline == null || baseline === 0) return null;
  return Math.round((value / baseline) * 100) / 100;
}

export function round(x) {
  if (x == null) return null;
  const digits = Math.abs(x) >= 100 ? 1 : Math.abs(x) >= 1 ? 2 : 3;
  return Number(x.toFixed(digits));
}
