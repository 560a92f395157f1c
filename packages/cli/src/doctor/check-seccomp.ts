import { buildSeccompFilter } from '@fence/core';
import type { CheckResult } from './check-result.js';
import { procStatusField } from './read-proc.js';

/** The kernel must support seccomp filters, and fence must have a syscall table for this CPU. */
export function checkSeccomp(): CheckResult {
  const base = { id: 'seccomp', title: 'seccomp filter', required: true };
  const mode = procStatusField('Seccomp');
  if (mode === undefined)
    return { ...base, status: 'fail', detail: 'the kernel has no seccomp (no Seccomp field in /proc/self/status)', fix: 'use a kernel built with CONFIG_SECCOMP_FILTER, or set "sandbox": {"seccomp": false} in fence.json' };
  try {
    const filter = buildSeccompFilter();
    return { ...base, status: 'ok', detail: `kernel mode ${mode}; ${filter.length / 8} BPF instructions for ${process.arch}` };
  } catch (err) {
    return {
      ...base,
      status: 'fail',
      detail: err instanceof Error ? err.message : String(err),
      fix: 'set "sandbox": {"seccomp": false} in fence.json to run without the syscall filter on this CPU',
    };
  }
}
