// Case 5: what the Node preload adds to a `node -e 0` start inside a sandbox
// (FENCE_SANDBOX_PROXY set, as fence sets it) against a plain start.
import { existsSync } from 'node:fs';
import { timeSpawn } from '../lib/time-spawn.mjs';
import { interleave } from '../lib/interleave.mjs';
import { PRELOAD } from '../lib/paths.mjs';

export async function preloadCase({ runs }) {
  if (!existsSync(PRELOAD)) {
    return { title: 'Node preload on `node -e 0`', unit: 'ms', baseline: 'node -e 0', results: new Map(), skipped: { preload: `${PRELOAD} is not built` } };
  }
  const base = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/' };
  // Never connects: the proxy address only has to be set for the preload to arm itself.
  const hooked = { ...base, FENCE_SANDBOX_PROXY: 'http://127.0.0.1:9', NODE_OPTIONS: `--require "${PRELOAD}"` };
  const variants = [
    { name: 'node -e 0', run: async () => timeSpawn(process.execPath, ['-e', '0'], { env: base }) },
    { name: 'node -e 0 + preload', run: async () => timeSpawn(process.execPath, ['-e', '0'], { env: hooked }) },
  ];
  const results = await interleave(variants, { runs, warmup: 2, label: 'preload: ' });
  return { title: 'Node preload on `node -e 0`', unit: 'ms', baseline: 'node -e 0', results, skipped: {} };
}
