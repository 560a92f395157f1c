// fence-shell as npm's script-shell, driven by the real npm: exit codes pass
// through, scripts run by hand stay on the host unless fence.json says otherwise,
// and a broken fence.json stops the script before it runs. Both script-shells: the
// compiled one (what `fence init` configures when it was built) and the POSIX one.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FENCE_SHELL, FENCE_SHELL_POSIX, fenceEnv, listBrokers, readSessionEvents, runPackageManager, scriptStarts, waitFor } from '../../../test/helpers/index.js';

let root: string;
let home: string;
let project: string;

const SCRIPTS = {
  // Writes into HOME: on the host that is the test's home, in the sandbox a throwaway one.
  mark: `node -e "require('fs').writeFileSync(require('os').homedir() + '/by-hand-marker', 'x')"`,
  fail: 'exit 7',
  // The proxy refuses exfil.test (not in allowedDomains); the script fails because of it.
  refused: 'curl -sf -o /dev/null -x "$HTTP_PROXY" http://exfil.test:9/ || exit 5',
};

const SHELLS = [...new Set([FENCE_SHELL, FENCE_SHELL_POSIX])].map((p) => [p === FENCE_SHELL_POSIX ? 'POSIX' : 'compiled', p]);

async function npmRun(shell: string, script: string, fenceJson?: object) {
  await writeFile(path.join(project, '.npmrc'), `script-shell=${shell}\n`);
  const file = path.join(project, 'fence.json');
  if (fenceJson) await writeFile(file, JSON.stringify(fenceJson));
  else await rm(file, { force: true });
  const logDir = await mkdtemp(path.join(root, 'logs-'));
  const run = await runPackageManager('npm', ['run', script], { cwd: project, env: await fenceEnv(home, logDir) });
  await waitFor(() => listBrokers(run.pid).length === 0, 10_000);
  return { ...run, events: await readSessionEvents(logDir), brokersLeft: listBrokers(run.pid).length };
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'fence-shell-test-'));
  home = path.join(root, 'home');
  project = path.join(root, 'project');
  await mkdir(home, { recursive: true });
  await mkdir(project, { recursive: true });
  await writeFile(path.join(project, 'package.json'), JSON.stringify({ name: 'shell-test', version: '1.0.0', private: true, scripts: SCRIPTS }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe.each(SHELLS)('%s fence-shell under npm run', (_kind, shell) => {
  it('runs a script by hand on the host by default (nothing logged, no broker left)', async () => {
    await rm(path.join(home, 'by-hand-marker'), { force: true });
    const run = await npmRun(shell, 'mark');
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(home, 'by-hand-marker'))).toBe(true);
    expect(scriptStarts(run.events)).toEqual([]);
    expect(run.brokersLeft).toBe(0);
  });

  it('confines scripts run by hand with scripts.runByHand: "sandbox"', async () => {
    await rm(path.join(home, 'by-hand-marker'), { force: true });
    const run = await npmRun(shell, 'mark', { scripts: { runByHand: 'sandbox' } });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(home, 'by-hand-marker'))).toBe(false);
    expect(scriptStarts(run.events).map((e) => [e.package, e.event, e.kind])).toEqual([['shell-test', 'mark', 'by-hand']]);
    expect(run.brokersLeft).toBe(0);
  });

  it("passes the script's exit code through the sandbox", async () => {
    const run = await npmRun(shell, 'fail', { scripts: { runByHand: 'sandbox' } });
    // npm exits with the script's own code.
    expect(run.code).toBe(7);
    const end = run.events.find((e) => e.type === 'script' && e.phase === 'end');
    expect(end?.exitCode).toBe(7);
  });

  it('ends the stderr of a script that failed after a refusal with the fence.json line that allows it', async () => {
    const run = await npmRun(shell, 'refused', { scripts: { runByHand: 'sandbox' } });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('fence: refused connection to exfil.test:9 (not-allowed); to allow it add "exfil.test" to network.allowedDomains in fence.json');
  });

  it('does not run the script when fence.json is invalid, and says which file and field', async () => {
    await rm(path.join(home, 'by-hand-marker'), { force: true });
    const run = await npmRun(shell, 'mark', { scripts: { runByHand: 'sometimes' } });
    expect(run.code).not.toBe(0);
    expect(existsSync(path.join(home, 'by-hand-marker'))).toBe(false);
    expect(run.stderr).toContain(path.join(project, 'fence.json'));
    expect(run.stderr).toMatch(/runByHand/);
  });
});
