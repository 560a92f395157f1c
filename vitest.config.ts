import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { tmpdir, userInfo } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  // Per-user cache: the suite also runs as an unprivileged user on a root-owned checkout.
  cacheDir: join(tmpdir(), `fence-vite-${userInfo().uid}`),
  resolve: {
    alias: [
      { find: /^@fence\/core$/, replacement: here('./packages/core/src/index.ts') },
      // vitest would pick clipanion's ESM build, which Node cannot load (directory import).
      { find: /^clipanion$/, replacement: createRequire(import.meta.url).resolve('clipanion') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'plugins/*/src/**/*.test.ts', 'hooks/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Sandboxes and package managers are heavy; two cores here.
    maxWorkers: 2,
    fileParallelism: true,
  },
});
