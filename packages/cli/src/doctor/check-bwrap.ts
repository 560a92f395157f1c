import { spawnSync } from 'node:child_process';
import { explainNamespaceFailure, findBinary, installCommand } from '@fence/core';
import type { CheckResult } from './check-result.js';

const TITLE = 'bubblewrap builds a sandbox (user, pid, net namespaces)';

/** Not just "is bwrap installed": run a tiny sandbox, since containers and AppArmor often forbid it. */
export function checkBwrap(): CheckResult {
  const base = { id: 'bwrap', title: TITLE, required: true };
  const bwrap = findBinary('bwrap');
  if (!bwrap) return { ...base, status: 'fail', detail: 'bwrap not found', fix: installCommand(['bubblewrap']) };
  const r = spawnSync(
    bwrap,
    ['--unshare-user', '--unshare-pid', '--unshare-net', '--unshare-ipc', '--die-with-parent',
      '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '--', '/bin/sh', '-c', 'echo fence-ok'],
    { encoding: 'utf8', timeout: 20_000 },
  );
  if (r.status === 0 && r.stdout.includes('fence-ok')) {
    const version = spawnSync(bwrap, ['--version'], { encoding: 'utf8', timeout: 10_000 }).stdout.trim();
    return { ...base, status: 'ok', detail: `${bwrap} (${version || 'unknown version'}) ran a test sandbox` };
  }
  const err = explainNamespaceFailure((r.stderr || r.error?.message || `exit ${r.status}`).trim());
  return { ...base, status: 'fail', detail: err.reason, fix: err.fix };
}
