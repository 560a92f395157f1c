import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { planToShell } from './plan-to-shell.js';
import { hostPlan, refusalPlan, type ScriptPlan } from './script-plan.js';

const dir = mkdtempSync(join(tmpdir(), 'fence-plan-'));
// Stands in for socat: records what fence-shell would send to the broker, answers with a line.
const fakeSocat = join(dir, 'socat');
writeFileSync(fakeSocat, `#!/bin/sh\ncat > ${join(dir, 'sent')}\necho 'fence: the refusal line'\n`);
chmodSync(fakeSocat, 0o755);
const target = { callerEnvNames: ['SECRET_TOKEN', 'HOME'], socat: fakeSocat, controlSocket: '/nonexistent/control.sock' };
const evalShell = (text: string) =>
  spawnSync('/bin/sh', ['-c', `${text}\necho AFTER`], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', SECRET_TOKEN: 's3cret', HOME: '/root' } });

test('a refusal prints its message and exits with its code, running nothing after', () => {
  const r = evalShell(planToShell(refusalPlan("no: it's 'quoted'\nsecond line", 126), target));
  expect(r.status).toBe(126);
  expect(r.stderr).toBe("no: it's 'quoted'\nsecond line\n");
  expect(r.stdout).toBe('');
});

test('a host run keeps the caller environment and replaces the shell', () => {
  const r = evalShell(planToShell(hostPlan(['-c', 'echo "token=$SECRET_TOKEN"']), target));
  expect(r.status).toBe(0);
  expect(r.stdout).toBe('token=s3cret\n');
});

test('a sandbox launch starts with none of the caller environment, gets its fds and reports a failure', () => {
  const fdFile = join(dir, 'fd9');
  writeFileSync(fdFile, 'from fd 9\n');
  const plan: ScriptPlan = {
    file: '/bin/sh',
    args: ['-c', 'cat <&9; env | grep -c SECRET_TOKEN; exit 4'],
    fds: [{ fd: 9, path: fdFile }],
    keepEnv: false,
    report: { id: 3, always: false },
  };
  const r = evalShell(planToShell(plan, target));
  expect(r.status).toBe(4);
  expect(r.stdout).toBe('from fd 9\n0\n');
  expect(readFileSync(join(dir, 'sent'), 'utf8')).toBe('{"op":"done","id":3,"rc":4}\n');
  expect(r.stderr).toBe('fence: the refusal line\n');
});

test('a successful launch reports nothing unless told to always report', () => {
  const ok: ScriptPlan = { file: '/bin/true', args: [], fds: [], keepEnv: false, report: { id: 8, always: false } };
  writeFileSync(join(dir, 'sent'), '');
  expect(evalShell(planToShell(ok, target)).status).toBe(0);
  expect(readFileSync(join(dir, 'sent'), 'utf8')).toBe('');
  expect(evalShell(planToShell({ ...ok, report: { id: 8, always: true } }, target)).status).toBe(0);
  expect(readFileSync(join(dir, 'sent'), 'utf8')).toBe('{"op":"done","id":8,"rc":0}\n');
});
