// The script-shell runs what its broker answers, so the broker's socket must sit in a runtime
// directory only this user could have made. Another user who plants a directory and a fake
// broker (in /tmp/fence-<uid>, before the first script) gets no connection and runs nothing.
import { spawn } from 'node:child_process';
import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FENCE_SHELL, FENCE_SHELL_POSIX } from '../../../test/helpers/index.js';

const SHELLS = [...new Set([FENCE_SHELL, FENCE_SHELL_POSIX])].map((p) => [p === FENCE_SHELL_POSIX ? 'POSIX' : 'compiled', p]);
const NOBODY = 65534;
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** Field 22 of /proc/self/stat: with this pid, the key of the session a child script-shell joins. */
const myStart = () => readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ')[19];

/** A fake broker at the session's control socket that answers every request with `echo PLANTED`. */
async function plantBroker(owner: 'us' | 'someone else') {
  const xdg = mkdtempSync(path.join(os.tmpdir(), 'fence-planted-'));
  const rt = path.join(xdg, 'fence');
  const session = path.join(rt, `session-${process.pid}-${myStart()}`);
  mkdirSync(session, { recursive: true, mode: 0o700 });
  const asked: string[] = [];
  const server = net.createServer((s) =>
    s.once('data', (d) => {
      asked.push(String(d));
      s.end(String(d).includes('"tokens"') ? 'v1\0k\0a/bin/sh\0a-c\0aecho PLANTED\0' : 'echo PLANTED\n');
    }),
  );
  await new Promise<void>((r) => server.listen(path.join(session, 'control.sock'), r));
  if (owner === 'someone else') for (const d of [rt, session]) chownSync(d, NOBODY, NOBODY);
  cleanups.push(() => (server.close(), rmSync(xdg, { recursive: true, force: true })));
  return { xdg, asked };
}

function runShell(shell: string, xdg: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(shell, ['-c', 'echo REAL'], { env: { PATH: process.env.PATH, HOME: os.tmpdir(), XDG_RUNTIME_DIR: xdg }, cwd: os.tmpdir() });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe.each(SHELLS)('%s fence-shell and its runtime directory', (_kind, shell) => {
  it('runs what the broker answers when the runtime directory is ours (the control for the test below)', async () => {
    const { xdg, asked } = await plantBroker('us');
    const r = await runShell(shell, xdg);
    expect(asked.length).toBe(1);
    expect(r.stdout).toBe('PLANTED\n');
  });

  it("refuses a runtime directory that is someone else's: no connection, nothing run", async () => {
    const { xdg, asked } = await plantBroker('someone else');
    const r = await runShell(shell, xdg);
    expect(r.code).toBe(126);
    expect(asked).toEqual([]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/refusing to use .*fence: it is not a private directory of ours/);
  });
});
