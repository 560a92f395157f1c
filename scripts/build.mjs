// Build: TypeScript project references, then the rollup bundles (Node preload, Yarn plugin).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (n) => join(root, 'node_modules/.bin', n);
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

run(bin('tsc'), ['-b', 'tsconfig.json']);
for (const dir of ['hooks', 'plugins/yarn']) {
  if (existsSync(join(root, dir, 'rollup.config.mjs'))) run(bin('rollup'), ['-c', '--silent'], join(root, dir));
}
