// Runs a command the way npm runs a lifecycle script under fence: this process is
// the session owner (the broker lives as long as it does) and spawns
// `fence-shell -c <script>` in a package directory under node_modules.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FENCE_SHELL } from './paths.mjs';

export const TEST_HOST = 'bench.test';

/** A project with node_modules/pkg and a fence.json that lets `bench.test` through the proxy. */
export function makeFenceProject(dir) {
  const pkgDir = path.join(dir, 'node_modules', 'pkg');
  mkdirSync(pkgDir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"bench-owner","version":"1.0.0","private":true}\n');
  writeFileSync(path.join(pkgDir, 'package.json'), '{"name":"pkg","version":"1.0.0"}\n');
  writeFileSync(path.join(dir, 'fence.json'), `${JSON.stringify({ network: { allowedDomains: [TEST_HOST] } }, null, 2)}\n`);
  return { root: dir, pkgDir };
}

/** spawn options for `fence-shell -c <script>` in the project's package dir, as npm would set them. */
export function fenceScriptSpawn(project, script) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm_|INIT_CWD$|FENCE_|NODE_OPTIONS$)/i.test(k)) env[k] = v;
  Object.assign(env, {
    INIT_CWD: project.root,
    npm_lifecycle_event: 'postinstall',
    npm_lifecycle_script: script,
    npm_package_name: 'pkg',
    npm_package_version: '1.0.0',
    npm_package_json: path.join(project.pkgDir, 'package.json'),
    // Read by the broker when this call starts it: the test name maps to loopback.
    FENCE_TEST_HOSTS: JSON.stringify({ [TEST_HOST]: '127.0.0.1' }),
  });
  return { cmd: FENCE_SHELL, args: ['-c', script], options: { cwd: project.pkgDir, env } };
}
