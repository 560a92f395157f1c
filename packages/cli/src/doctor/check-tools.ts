import { findBinary, installCommand } from '@fence/core';
import type { CheckResult } from './check-result.js';

export function checkSocat(): CheckResult {
  const p = findBinary('socat');
  return {
    id: 'socat',
    title: 'socat (bridges the sandbox network to the proxy)',
    status: p ? 'ok' : 'fail',
    detail: p ?? 'not found',
    fix: p ? undefined : installCommand(['socat']),
    required: true,
  };
}

export function checkStrace(): CheckResult {
  const p = findBinary('strace');
  return {
    id: 'strace',
    title: 'strace (optional: audit mode records refused file accesses)',
    status: p ? 'ok' : 'warn',
    detail: p ?? 'not found; "sandbox": {"audit": true} will not work',
    fix: p ? undefined : installCommand(['strace']),
    required: false,
  };
}
