// Case 2: installs of the 20-package + node-gyp bench project, each in a fresh
// directory with a fresh HOME, offline, all reading one warm npm cache (and one
// pnpm store, one Yarn cache). The first, unmeasured round warms them.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { timeSpawn } from '../lib/time-spawn.mjs';
import { interleave } from '../lib/interleave.mjs';
import { benchTmp, freshDir } from '../lib/temp.mjs';
import { pmEnv } from '../lib/pm-env.mjs';
import { packBenchProject } from '../lib/pack-bench.mjs';
import { makeInstallProject, assertScriptsRan } from '../lib/install-project.mjs';
import { installVariants, INSTALL_BASELINES } from './install-variants.mjs';

export async function installCase({ runs, packages, srt }) {
  const deps = packBenchProject(benchTmp('tarballs'), benchTmp('pack-scratch'), packages);
  // One temporary HOME for every install, its npm cache where npm looks by default
  // (~/.npm): fence-run passes no npm_config_cache and keeps only ~/.npm writable.
  const home = benchTmp('home');
  const shared = { home, cache: path.join(home, '.npm'), store: benchTmp('pnpm-store'), yarnCache: benchTmp('yarn-cache') };
  const all = installVariants({ shared, srtSkip: srt.skip });
  const skipped = Object.fromEntries(all.filter((v) => v.skip).map((v) => [v.name, v.skip]));
  const variants = all.filter((v) => !v.skip).map((v) => ({
    name: v.name,
    run: async () => installOnce(v, deps, shared),
  }));
  // Warm the npm cache and the pnpm store once, unmeasured, so every variant reads the same warm cache.
  for (const v of all.filter((x) => x.name === 'npm' || x.name === 'pnpm')) await installOnce(v, deps, shared);
  const results = await interleave(variants, { runs, warmup: 0, label: 'install: ' });
  return {
    title: `Install of ${Object.keys(deps).length} packages (${Object.keys(deps).length - 1} postinstall + node-gyp addon)`,
    unit: 'ms',
    baseline: 'npm',
    baselines: INSTALL_BASELINES,
    results,
    skipped,
  };
}

/** One install in a fresh directory; returns its wall time after checking that every script ran. */
async function installOnce(v, deps, shared) {
  const base = freshDir('install');
  const dir = path.join(base, 'project');
  const { files, cmd, args, extraEnv } = v.setup(dir, base);
  makeInstallProject(dir, deps, files);
  const env = pmEnv({ home: shared.home, cache: shared.cache, extra: extraEnv });
  try {
    const ms = timeSpawn(cmd, args, { cwd: dir, env, timeout: 10 * 60_000 });
    assertScriptsRan(dir, deps);
    return ms;
  } finally {
    rmSync(base, { recursive: true, force: true, maxRetries: 3 });
  }
}
