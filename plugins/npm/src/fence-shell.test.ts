// fence-shell as npm's script-shell, driven by the real npm: exit codes pass
// through, scripts run by hand stay on the host unless fence.json says otherwise,
// and a broken fence.json stops the script before it runs.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FENCE_SHELL, fenceEnv, listBrokers, readSessionEvents, runPackageManager, scriptStarts, waitFor } from '../../../test/helpers/index.js';

let root: string;
let home: string;
let project: string;

const SCRIPTS = {
  // Writes into HOME: on the host that is the test's home, in the sandbox a throwaway one.
  mark: `node -e "require('fs').writeFileSync(require('os').homedir() + '/by-hand-marker', 'x')"`,
  fail: 'exit 7',
};

async function npmRun(script: string, fenceJson?: object) {
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
  await writeFile(path.join(project, '.npmrc'), `script-shell=${FENCE_SHELL}\n`);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('fence-shell under npm run', () => {
  it('runs a script by hand on the host by default (nothing logged, no broker left)', async () => {
    await rm(path.join(home, 'by-hand-marker'), { force: true });
    const run = await npmRun('mark');
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(home, 'by-hand-marker'))).toBe(true);
    expect(scriptStarts(run.events)).toEqual([]);
    expect(run.brokersLeft).toBe(0);
  });

  it('confines scripts run by hand with scripts.runByHand: "sandbox"', async () => {
    await rm(path.join(home, 'by-hand-marker'), { force: true });
    const run = await npmRun('mark', { scripts: { runByHand: 'sandbox' } });
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(path.join(home, 'by-hand-marker'))).toBe(false);
    expect(scriptStarts(run.events).map((e) => [e.package, e.event, e.kind])).toEqual([['shell-test', 'mark', 'by-hand']]);
    expect(run.brokersLeft).toBe(0);
  });

  it("passes the script's exit code through the sandbox", async () => {
    const run = await npmRun('fail', { scripts: { runByHand: 'sandbox' } });
    // npm exits with the script's own code.
    expect(run.code).toBe(7);
    const end = run.events.find((e) => e.type === 'script' && e.phase === 'end');
    expect(end?.exitCode).toBe(7);
  });

  it('does not run the script when fence.json is invalid, and says which file and field', async () => {
    await rm(path.join(home, 'by-hand-marker'), { force: true });
    const run = await npmRun('mark', { scripts: { runByHand: 'sometimes' } });
    expect(run.code).not.toBe(0);
    expect(existsSync(path.join(home, 'by-hand-marker'))).toBe(false);
    expect(run.stderr).toContain(path.join(project, 'fence.json'));
    expect(run.stderr).toMatch(/runByHand/);
  });
});
