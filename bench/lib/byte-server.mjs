// Starts byte-server-main.mjs as a child (so spawnSync in the bench cannot stall it).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { BENCH_DIR } from './paths.mjs';

/** @returns {Promise<{ http: number, raw: number, stop(): void }>} */
export function startByteServer() {
  const child = spawn(process.execPath, [path.join(BENCH_DIR, 'lib/byte-server-main.mjs')], { stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.on('error', reject);
    child.on('exit', (c) => reject(new Error(`byte server exited ${c}`)));
    child.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('\n')) return;
      const ports = JSON.parse(out.split('\n')[0]);
      resolve({ ...ports, stop: () => child.stdin.end() });
    });
  });
}
