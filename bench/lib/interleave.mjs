// Runs variants round-robin (A,B,C,A,B,C,...) so that a slow phase of a busy
// machine hits every variant alike. A variant that fails is recorded with its
// reason and dropped from later rounds; the others carry on.

/**
 * @param {{ name: string, run: () => Promise<number | number[]> }[]} variants
 * @param {{ runs: number, warmup?: number, label?: string }} opts
 * @returns {Promise<Map<string, { samples: number[], error?: string }>>}
 */
export async function interleave(variants, { runs, warmup = 1, label = '' }) {
  const out = new Map(variants.map((v) => [v.name, { samples: [] }]));
  const alive = () => variants.filter((v) => !out.get(v.name).error);
  for (let round = -warmup; round < runs; round++) {
    for (const v of alive()) {
      try {
        const value = await v.run();
        if (round >= 0) out.get(v.name).samples.push(...[value].flat());
      } catch (e) {
        out.get(v.name).error = String(e?.message ?? e).split('\n').slice(0, 6).join(' | ').slice(0, 600);
        process.stderr.write(`[bench] ${label}${v.name} failed: ${out.get(v.name).error}\n`);
      }
    }
    if (round >= 0) process.stderr.write(`[bench] ${label}round ${round + 1}/${runs}\n`);
  }
  return out;
}
