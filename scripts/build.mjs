// Build: TypeScript project references, then the rollup bundles (Node preload, Yarn plugin).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const bin = (n) => join(root, 'node_modules/.bin', n);
const run = (cmd, args, cwd = root) => execFileSync(cmd, args, { cwd, stdio: 'inherit' });

run(bin('tsc'), ['-b', 'tsconfig.json']);

// fence's C programs, from source: the in-sandbox bridge and the compiled script-shell.
// Static where libc.a exists (no dynamic loader on every start: both run once per script).
// Without a C compiler fence falls back to socat and the POSIX fence-shell.
const cc = ['cc', 'gcc', 'clang'].find((c) => spawnSync(c, ['--version'], { stdio: 'ignore' }).status === 0);
const natives = [
  ['packages/core/native/fence-bridge.c', 'packages/core/dist/native/fence-bridge'],
  ['plugins/npm/native/fence-shell.c', 'plugins/npm/dist/native/fence-shell'],
];
if (process.platform !== 'linux') {
  // Both programs are Linux-only (/proc, namespaces); macOS uses the Node slow path.
} else if (cc) {
  for (const [src, out] of natives) {
    mkdirSync(dirname(join(root, out)), { recursive: true });
    const args = ['-O2', '-Wall', '-I', join(root, 'packages/core/native'), '-o', join(root, out), join(root, src)];
    if (spawnSync(cc, ['-static', ...args], { stdio: 'ignore' }).status === 0) continue;
    // A compiler that cannot build them is the same as none: the fallbacks stay, the build goes on.
    if (spawnSync(cc, args, { stdio: 'inherit' }).status !== 0) console.error(`[build] could not compile ${src}: using the fallback`);
  }
} else {
  console.error('[build] no C compiler: fence uses socat and the POSIX fence-shell instead (slower per script)');
}
for (const dir of ['packages/core', 'hooks', 'plugins/yarn']) {
  if (existsSync(join(root, dir, 'rollup.config.mjs'))) run(bin('rollup'), ['-c', '--silent'], join(root, dir));
}
