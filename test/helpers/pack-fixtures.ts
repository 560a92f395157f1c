// Packs every fixture package into a tarball with the system npm (offline, no
// scripts), once per change of its sources. Concurrent callers are safe: each
// packs in its own staging directory and renames finished files into place.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { hashSource, listFixtureSources, listFiles, type FixtureSource } from './fixture-sources.js';
import { SHARED_LIB_DIR, TARBALLS_DIR } from './paths.js';

const run = promisify(execFile);

interface Manifest {
  entries: Record<string, { hash: string; file: string }>;
}

/** `<dir name>-<version>.tgz`: named by directory, so name-spoof does not overwrite fetches-allowed. */
export function tarballName(source: Pick<FixtureSource, 'name' | 'version'>): string {
  return `${source.name}-${source.version}.tgz`;
}

async function readManifest(outDir: string): Promise<Manifest> {
  try {
    return JSON.parse(await readFile(path.join(outDir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return { entries: {} };
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

// npm pack names its output after the declared name, so one batch must not
// hold two packages that declare the same name.
function batchesOf(sources: FixtureSource[]): FixtureSource[][] {
  const batches: FixtureSource[][] = [];
  for (const source of sources) {
    const batch = batches.find((b) => !b.some((s) => s.declaredName === source.declaredName));
    if (batch) batch.push(source);
    else batches.push([source]);
  }
  return batches;
}

function npmEnv(staging: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return {
    ...env,
    npm_config_cache: path.join(staging, 'cache'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_loglevel: 'error',
  };
}

async function stage(source: FixtureSource, staging: string): Promise<string> {
  const dest = path.join(staging, 'src', source.name);
  for (const rel of await listFiles(source.dir)) {
    await mkdir(path.dirname(path.join(dest, rel)), { recursive: true });
    await cp(path.join(source.dir, rel), path.join(dest, rel));
  }
  if (source.withSharedLib) await cp(SHARED_LIB_DIR, path.join(dest, 'fixture-lib'), { recursive: true });
  return dest;
}

async function packBatch(batch: FixtureSource[], staging: string, outDir: string, index: number): Promise<void> {
  const dirs = await Promise.all(batch.map((s) => stage(s, staging)));
  const dest = path.join(staging, `out-${index}`);
  await mkdir(dest, { recursive: true });
  const { stdout } = await run('npm', ['pack', ...dirs, '--ignore-scripts', '--json', '--pack-destination', dest], {
    env: npmEnv(staging),
    cwd: staging,
    maxBuffer: 16 * 1024 * 1024,
  });
  const packed = JSON.parse(stdout) as Array<{ name: string; filename: string }>;
  for (const source of batch) {
    const entry = packed.find((p) => p.name === source.declaredName);
    if (!entry) throw new Error(`npm pack did not report ${source.declaredName} (from ${source.dir})`);
    await rename(path.join(dest, entry.filename), path.join(outDir, tarballName(source)));
  }
}

/**
 * Packs all fixture packages (fixtures/packages/*, fixtures/bench-project/packages/*)
 * into `outDir` (default fixtures/tarballs) and returns directory name -> absolute
 * tarball path. Unchanged packages are not repacked.
 */
export async function packFixtures(outDir: string = TARBALLS_DIR): Promise<Record<string, string>> {
  await mkdir(outDir, { recursive: true });
  const sources = await listFixtureSources();
  const manifest = await readManifest(outDir);
  const hashes = new Map<string, string>();
  const stale: FixtureSource[] = [];
  for (const source of sources) {
    const hash = await hashSource(source);
    hashes.set(source.name, hash);
    const known = manifest.entries[source.name];
    const file = tarballName(source);
    if (!known || known.hash !== hash || known.file !== file || !(await exists(path.join(outDir, file)))) stale.push(source);
  }

  if (stale.length > 0) {
    const staging = path.join(outDir, `.staging-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      const batches = batchesOf(stale);
      for (let i = 0; i < batches.length; i++) await packBatch(batches[i]!, staging, outDir, i);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    // Written whole, then renamed, so a concurrent reader never sees half a file.
    const fresh = await readManifest(outDir);
    for (const source of stale) fresh.entries[source.name] = { hash: hashes.get(source.name)!, file: tarballName(source) };
    const tmp = path.join(outDir, `.manifest-${process.pid}-${randomBytes(4).toString('hex')}.json`);
    await writeFile(tmp, JSON.stringify(fresh, null, 2) + '\n');
    await rename(tmp, path.join(outDir, 'manifest.json'));
  }

  const result: Record<string, string> = {};
  for (const source of sources) result[source.name] = path.join(outDir, tarballName(source));
  return result;
}
