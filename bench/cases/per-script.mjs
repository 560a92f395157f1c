// Case 1: the cost of starting one lifecycle script. `sh -c true` bare, under the
// bubblewrap floor (fence's namespaces, nothing else), under fence-shell with a
// warm broker (as npm runs it: the compiled one, and the POSIX fallback), and under
// one srt per script.
import { timeSpawn } from '../lib/time-spawn.mjs';
import { interleave } from '../lib/interleave.mjs';
import { fenceScriptSpawn } from '../lib/fence-script.mjs';
import { srtScriptSpawn } from '../lib/srt-setup.mjs';
import { FENCE_SHELL, FENCE_SHELL_POSIX, systemTool } from '../lib/paths.mjs';

const BWRAP_FLOOR = [
  '--unshare-user', '--disable-userns', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-net',
  '--unshare-cgroup-try', '--die-with-parent', '--new-session', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc',
];

/** @param {{ runs: number, project: object, srt: { settings?: string, skip?: string } }} ctx */
export async function perScriptCase({ runs, project, srt }) {
  const bwrap = systemTool('bwrap');
  const fence = fenceScriptSpawn(project, 'true');
  const variants = [
    { name: 'sh -c true', run: async () => timeSpawn('/bin/sh', ['-c', 'true']) },
    { name: 'bwrap floor', run: async () => timeSpawn(bwrap, [...BWRAP_FLOOR, '/bin/sh', '-c', 'true']) },
    { name: 'fence-shell (warm broker)', run: async () => timeSpawn(fence.cmd, fence.args, fence.options) },
  ];
  if (FENCE_SHELL !== FENCE_SHELL_POSIX)
    variants.push({ name: 'POSIX fence-shell (warm broker)', run: async () => timeSpawn(FENCE_SHELL_POSIX, fence.args, fence.options) });
  if (!srt.skip) {
    const s = srtScriptSpawn(srt.settings, 'true', project.pkgDir);
    variants.push({ name: 'srt per script', run: async () => timeSpawn(s.cmd, s.args, s.options) });
  }
  // The first fence-shell call starts the broker: not a sample.
  timeSpawn(fence.cmd, fence.args, fence.options);
  const results = await interleave(variants, { runs, warmup: 1, label: 'per-script: ' });
  return {
    title: 'Per-script overhead (sh -c true)',
    unit: 'ms',
    baseline: 'sh -c true',
    results,
    skipped: srt.skip ? { 'srt per script': srt.skip } : {},
  };
}
