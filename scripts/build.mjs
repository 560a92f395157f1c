// Build: TypeScript project references, then the rollup bundles (Node preload, Yarn plugin).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (n) => join(root, 'node_modules/.bin', n);
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

run(bin('tsc'), ['-b', 'tsconfig.json']);

// The in-sandbox bridge, from source; without a C compiler fence falls back to socat.
const cc = ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
const bridgeOut = join(root, 'packages/core/dist/native/fence-bridge');
if (cc) {
  mkdirSync(dirname(bridgeOut), { recursive: true });
  run(cc, ['-O2', '-Wall', '-o', bridgeOut, join(root, 'packages/core/native/fence-bridge.c')]);
} else {
  console.error('[build] no C compiler: the sandbox bridge falls back to socat (a little slower per script)');
}
for (const dir of ['hooks', 'plugins/yarn']) {
  if (existsSync(join(root, dir, 'rollup.config.mjs'))) run(bin('rollup'), ['-c', '--silent'], join(root, dir));
}
