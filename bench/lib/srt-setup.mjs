// srt (Anthropic's sandbox-runtime) for comparison: whether it can run here, and
// a settings file allowing one name and some writable paths.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { SRT_CLI, BENCH_DIR, systemTool } from './paths.mjs';

export const SRT_SHELL = path.join(BENCH_DIR, 'lib', 'srt-shell');

/** Writes an srt settings file; returns its path. */
export function writeSrtSettings(dir, { allowedDomains = [], allowWrite = [] } = {}) {
  const file = path.join(dir, 'srt-settings.json');
  const settings = {
    network: { allowedDomains, deniedDomains: [] },
    filesystem: { denyRead: [], allowWrite, denyWrite: [] },
  };
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  return file;
}

/** null when `srt -c true` works here, else why not. */
export function srtUnavailable(settings, env = process.env) {
  if (!systemTool('rg')) return 'srt needs ripgrep (rg), which is not installed (apt-get install ripgrep)';
  const r = spawnSync(process.execPath, [SRT_CLI, '-s', settings, '-c', 'true'], { encoding: 'utf8', env, timeout: 60_000 });
  if (r.status === 0) return null;
  return `srt -c true failed (${r.status ?? r.signal}): ${`${r.stderr}`.trim().split('\n').slice(-3).join(' | ')}`;
}

/** spawn options for `srt-shell -c <script>` (one srt sandbox around one script). */
export function srtScriptSpawn(settings, script, cwd, env = process.env) {
  return { cmd: SRT_SHELL, args: ['-c', script], options: { cwd, env: { ...env, SRT_BENCH_SETTINGS: settings } } };
}
