// Fail closed: without a working bubblewrap nothing runs, and the message gives
// the exact fix; `sandbox.allowWeaker` is the only way to run anyway, loudly.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';

const fenceRun = join(__dirname, '..', 'packages/run/bin/fence-run.js');

function run(env: NodeJS.ProcessEnv, cwd: string) {
  const home = mkdtempSync(join(tmpdir(), 'fence-fc-home-'));
  return spawnSync(process.execPath, [fenceRun, '-c', 'echo ran > proof.txt; echo "token=$NPM_TOKEN home=$HOME"'], {
    cwd,
    env: { ...process.env, HOME: home, NPM_TOKEN: 'secret-token-value', ...env },
    encoding: 'utf8',
  });
}

function brokenBwrap(message: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fence-fc-bin-'));
  const file = join(dir, 'bwrap');
  writeFileSync(file, `#!/bin/sh\necho "bwrap: ${message}" >&2\nexit 1\n`);
  chmodSync(file, 0o755);
  return file;
}

test('a missing bubblewrap: nothing runs, the message names the install command', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'fence-fc-'));
  const r = run({ FENCE_BWRAP: '/nonexistent/bwrap' }, cwd);
  expect(r.status).toBe(126);
  expect(r.stderr).toMatch(/bubblewrap is not installed/);
  expect(r.stderr).toMatch(/(apt-get|dnf|apk|pacman|zypper) (install|add|-S).*bubblewrap/);
  expect(r.stderr).toMatch(/NOT run/);
  expect(existsSync(join(cwd, 'proof.txt'))).toBe(false);
});

test('namespaces refused (a container without user namespaces): nothing runs, the fix is named', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'fence-fc-'));
  const r = run({ FENCE_BWRAP: brokenBwrap('No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces') }, cwd);
  expect(r.status).toBe(126);
  expect(r.stderr).toMatch(/Fix:/);
  expect(r.stderr).toMatch(/allowWeaker/);
  expect(existsSync(join(cwd, 'proof.txt'))).toBe(false);
});

test('allowWeaker runs with a loud warning listing what is lost, still without tokens or the real HOME', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'fence-fc-'));
  writeFileSync(join(cwd, 'fence.json'), JSON.stringify({ sandbox: { allowWeaker: true } }));
  const r = run({ FENCE_BWRAP: brokenBwrap('No permissions to creating new namespace') }, cwd);
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/WARNING: .*REDUCED isolation/);
  expect(r.stderr).toMatch(/lost: filesystem isolation/);
  expect(r.stderr).toMatch(/lost: network isolation/);
  expect(r.stdout).toMatch(/token= /);
  expect(r.stdout).toMatch(/home=\/.*fence-weak-home-/);
  expect(existsSync(join(cwd, 'proof.txt'))).toBe(true);
});
