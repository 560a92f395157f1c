// Micro-benchmark (not a test): what the preload adds to a `node -e 0` start.
// 30 interleaved pairs (without, with), median of each, plus the preload's run time measured in-process. Run after `npm run build -w hooks`:
//   node hooks/bench-preload.mjs
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const preload = fileURLToPath(new URL('./bundle/preload.cjs', import.meta.url));
if (!existsSync(preload)) {
  console.error(`missing ${preload}: run "npm run build -w hooks" first`);
  process.exit(1);
}
const RUNS = 30;
const base = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
// The proxy URL only needs to be set: `node -e 0` never connects.
const withPreload = { ...base, FENCE_SANDBOX_PROXY: 'http://127.0.0.1:9', NODE_OPTIONS: `--require "${preload}"` };

function timeOnce(env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-e', '0'], { env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`node -e 0 exited ${r.status}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

timeOnce(base); // warm the page cache
timeOnce(withPreload);
const plain = [];
const hooked = [];
for (let i = 0; i < RUNS; i++) {
  plain.push(timeOnce(base));
  hooked.push(timeOnce(withPreload));
}
// The preload's own run time, timed inside the process: far less disturbed by a busy machine than whole starts.
const inside = [];
const probe = `const t = performance.now(); require(${JSON.stringify(preload)}); process.stdout.write(String(performance.now() - t));`;
for (let i = 0; i < RUNS; i++) {
  const r = spawnSync(process.execPath, ['-e', probe], { env: { ...base, FENCE_SANDBOX_PROXY: 'http://127.0.0.1:9' }, encoding: 'utf8' });
  inside.push(Number(r.stdout));
}
const a = median(plain);
const b = median(hooked);
console.log(`node -e 0 without preload: ${a.toFixed(2)} ms (median of ${RUNS})`);
console.log(`node -e 0 with preload:    ${b.toFixed(2)} ms (median of ${RUNS})`);
console.log(`difference:                ${(b - a).toFixed(2)} ms`);
console.log(`preload run time inside the process: ${median(inside).toFixed(2)} ms (median of ${RUNS})`);
