// `npm test`: the whole suite as the current user, then (when root) the sandbox
// suites again as an unprivileged user, which exercises user namespaces.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const extra = process.argv.slice(2);
const UNPRIVILEGED_SUITES = ['packages/core/src/sandbox', 'packages/run', 'test/run-', 'test/sandbox-'];
const USER = 'fence-test';

function runVitest(label, args, wrap = []) {
  const out = join(tmpdir(), `fence-vitest-${label}-${process.pid}.json`);
  const cmd = [...wrap, process.execPath, vitest, 'run', '--configLoader', 'runner', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`, ...args];
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, stdio: 'inherit' });
  let passed = 0, failed = 0;
  try {
    const json = JSON.parse(readFileSync(out, 'utf8'));
    passed = json.numPassedTests;
    failed = json.numFailedTests + (json.numRuntimeErrorTestSuites ?? 0);
    rmSync(out, { force: true });
  } catch {
    failed += 1;
  }
  console.log(`${label}: ${passed} passed, ${failed} failed`);
  return { ok: r.status === 0 && failed === 0, passed, failed };
}

const results = [runVitest('root', extra)];

if (process.getuid?.() === 0 && extra.length === 0 && process.env.FENCE_SKIP_UNPRIVILEGED !== '1') {
  if (spawnSync('id', ['-u', USER]).status !== 0) {
    spawnSync('useradd', ['--create-home', '--shell', '/bin/sh', USER], { stdio: 'inherit' });
  }
  const home = `/home/${USER}`;
  mkdirSync(home, { recursive: true });
  spawnSync('chown', ['-R', `${USER}:`, home]);
  const wrap = ['runuser', '-u', USER, '--', 'env', `HOME=${home}`, 'TMPDIR=/tmp', `PATH=${process.env.PATH}`];
  results.push(runVitest('unprivileged', UNPRIVILEGED_SUITES, wrap));
}

const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
