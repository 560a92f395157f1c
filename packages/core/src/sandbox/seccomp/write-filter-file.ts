import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSeccompFilter, type SeccompOptions } from './build-filter.js';

/**
 * Writes the compiled filter to `dir` and returns its path, for
 * `bwrap --seccomp 9 9<path`. The name carries a hash of the bytes, so every
 * script of an install (and later installs) reuses one file, and a filter from
 * another fence version can never be picked up by mistake.
 */
export function writeSeccompFile(dir: string, opts: SeccompOptions = {}): string {
  const bytes = buildSeccompFilter(opts);
  const arch = opts.arch ?? process.arch;
  const digest = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  const path = join(dir, `fence-seccomp-${arch}-${digest}.bpf`);
  try {
    if (readFileSync(path).equals(bytes)) return path;
  } catch {
    // Not there yet: write it below.
  }
  mkdirSync(dir, { recursive: true });
  // Write-then-rename: parallel scripts never see a half-written filter.
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes, { mode: 0o644 });
  renameSync(tmp, path);
  return path;
}
