// Command line of `npm run bench -- [--quick] [--only a,b] [--runs N]`.
export const CASES = ['per-script', 'install', 'proxy', 'preload'];

export function parseArgs(argv) {
  const quick = argv.includes('--quick');
  const get = (flag) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const only = get('--only')?.split(',').map((s) => s.trim()).filter(Boolean) ?? CASES;
  const unknown = only.filter((c) => !CASES.includes(c));
  if (unknown.length) throw new Error(`unknown case(s): ${unknown.join(', ')}; known: ${CASES.join(', ')}`);
  const runsOverride = get('--runs') ? Number(get('--runs')) : undefined;
  const plan = quick
    ? { perScript: 10, install: 2, installPackages: 5, proxyRounds: 3, proxyMB: 50, latencyPerRound: 20, preload: 10 }
    : { perScript: 30, install: 10, installPackages: 20, proxyRounds: 10, proxyMB: 200, latencyPerRound: 50, preload: 30 };
  if (runsOverride) for (const k of ['perScript', 'install', 'proxyRounds', 'preload']) plan[k] = runsOverride;
  return { quick, only, plan };
}
