import { expect, test } from 'vitest';
import { planToTokens } from './plan-to-tokens.js';
import { hostPlan, refusalPlan } from './script-plan.js';

const tokens = (s: string) => {
  expect(s.endsWith('\0')).toBe(true);
  return s.slice(0, -1).split('\0');
};

test('a refusal is a message and an exit code, and nothing to run', () => {
  expect(tokens(planToTokens(refusalPlan('fence: no\nreally', 2)))).toEqual(['v1', 'mfence: no\nreally', 'x2']);
});

test('a sandbox launch lists its fds, its report and its argv, program first; any bytes but NUL pass unquoted', () => {
  const t = planToTokens({
    file: '/usr/bin/bwrap',
    args: ['--', '/bin/sh', '-c', `echo "it's" $HOME\nline 2`],
    fds: [{ fd: 9, path: '/tmp/seccomp.bpf' }, { fd: 8, path: '/tmp/audit log', write: true }],
    keepEnv: false,
    report: { id: 12, always: false },
  });
  expect(tokens(t)).toEqual(['v1', 'f9r/tmp/seccomp.bpf', 'f8w/tmp/audit log', 'd12', 'a/usr/bin/bwrap', 'a--', 'a/bin/sh', 'a-c', `aecho "it's" $HOME\nline 2`]);
});

test('a host run keeps the environment; audit mode always reports', () => {
  expect(tokens(planToTokens(hostPlan(['-c', 'true'])))).toEqual(['v1', 'k', 'a/bin/sh', 'a-c', 'atrue']);
  expect(tokens(planToTokens({ ...hostPlan(['-c', 'true']), keepEnv: false, report: { id: 1, always: true } }))).toContain('D1');
});

test('a NUL byte anywhere is refused rather than split into another token', () => {
  expect(() => planToTokens(hostPlan(['-c', 'echo a\0ktrue']))).toThrow(/NUL/);
});
