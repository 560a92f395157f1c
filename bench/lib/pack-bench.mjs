// Packs the bench project's packages (bench-pkg-01..20 and the native addon)
// with `npm pack --ignore-scripts` into a directory of the bench run: no build
// step, no dependency on the TypeScript test helpers.
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { runOut } from './time-spawn.mjs';
import { BENCH_PROJECT, NATIVE_ADDON } from './paths.mjs';
import { pmEnv } from './pm-env.mjs';

/**
 * Returns name -> 'file:<abs tarball>' for the bench project, or for its first
 * `limit` bench packages plus the native addon (the quick run's smaller project).
 */
export function packBenchProject(outDir, scratch, limit = Infinity) {
  mkdirSync(outDir, { recursive: true });
  const pkgRoot = path.join(BENCH_PROJECT, 'packages');
  const dirs = readdirSync(pkgRoot).sort().slice(0, limit).map((d) => path.join(pkgRoot, d));
  dirs.push(NATIVE_ADDON);
  const env = pmEnv({ home: path.join(scratch, 'home'), cache: path.join(scratch, 'cache') });
  const packed = JSON.parse(runOut('npm', ['pack', ...dirs, '--ignore-scripts', '--json', '--pack-destination', outDir], { env, cwd: scratch }));
  const dependencies = {};
  for (const p of packed) dependencies[p.name] = `file:${path.join(outDir, p.filename)}`;
  const all = Object.keys(JSON.parse(readFileSync(path.join(BENCH_PROJECT, 'package.json'), 'utf8')).dependencies);
  const expected = all.filter((n) => n === 'native-addon' || all.indexOf(n) < limit);
  const missing = expected.filter((n) => !dependencies[n]);
  if (missing.length) throw new Error(`npm pack did not produce: ${missing.join(', ')}`);
  return dependencies;
}

/** Writes the bench project's package.json into dir, pointing at the packed tarballs. */
export function writeBenchManifest(dir, dependencies) {
  const manifest = { name: 'fence-bench-project', version: '1.0.0', private: true, dependencies };
  writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}
