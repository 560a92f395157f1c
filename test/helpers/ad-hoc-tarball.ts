// A package tarball made on the spot (`package/` root, as npm pack lays it out),
// for cases no shared fixture covers. Installed from a tarball, it lands under
// node_modules like a registry package (a file: directory would be a symlink).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Writes `<outDir>/<name>-<version>.tgz` holding package.json plus `files`; returns its path. */
export async function adHocTarball(
  outDir: string,
  manifest: { name: string; version: string; [field: string]: unknown },
  files: Record<string, string> = {},
): Promise<string> {
  const staging = await mkdtemp(path.join(outDir, '.staging-'));
  try {
    const all = { 'package.json': JSON.stringify(manifest, null, 2) + '\n', ...files };
    for (const [rel, content] of Object.entries(all)) {
      const file = path.join(staging, 'package', rel);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }
    const out = path.join(outDir, `${manifest.name}-${manifest.version}.tgz`);
    await run('tar', ['-czf', out, '-C', staging, 'package']);
    return out;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
