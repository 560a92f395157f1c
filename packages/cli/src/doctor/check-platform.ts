import { release } from 'node:os';
import type { CheckResult } from './check-result.js';

export function checkOs(): CheckResult {
  const supported = process.platform === 'linux' || process.platform === 'darwin';
  return {
    id: 'os',
    title: 'OS and kernel',
    status: supported ? 'ok' : 'fail',
    detail: `${process.platform} ${release()} (${process.arch})`,
    fix: supported ? undefined : 'fence sandboxes scripts on Linux (bubblewrap) and macOS (sandbox-exec) only; use WSL2 on Windows',
    required: true,
  };
}

export function checkNode(version = process.versions.node): CheckResult {
  const major = Number(version.split('.')[0]);
  const ok = major >= 20;
  return {
    id: 'node',
    title: 'Node.js >= 20',
    status: ok ? 'ok' : 'fail',
    detail: `node ${version}`,
    fix: ok ? undefined : 'install Node.js 20 or newer (https://nodejs.org/en/download)',
    required: true,
  };
}
