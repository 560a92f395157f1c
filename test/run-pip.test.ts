// fence-run's pip profile, offline: a setup.py attack installs without its
// effects, a benign package installs and imports, and a local simple index is
// reachable by an allowed name through the proxy and refused otherwise.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASHRC_CONTENT, FIXTURES_DIR, SECRET_MARKERS, startHttpServer, type RecordingServer } from './helpers/index.js';
import { runFence, runProcess, type RunOptions } from './helpers/run-fence.js';
import { readFixtureLoot, worked } from './helpers/run-loot.js';
import { buildSdist, makeVenv, startSimpleIndex, type SimpleIndex, type Venv } from './helpers/run-python.js';
import { makeRunWorld, type RunWorld } from './helpers/run-world.js';

const PY_FIXTURES = path.join(FIXTURES_DIR, 'python');
const ATTACKS = ['write:home/.bashrc', 'read:home/.ssh/id_rsa', 'env:NPM_TOKEN', 'net:direct-tcp'];

const world: RunWorld = await makeRunWorld();
const made = await makeVenv(path.join(world.root, 'venv'));
const venv: Venv | undefined = 'skip' in made ? undefined : made;
const skipReason = 'skip' in made ? made.skip : '';
if (!venv) await world.cleanup();

let exfil: RecordingServer;
let opts: RunOptions;

beforeAll(async () => {
  if (!venv) return;
  exfil = await startHttpServer(0);
  const env: NodeJS.ProcessEnv = {
    ...world.env,
    VIRTUAL_ENV: venv.dir,
    PATH: `${path.join(venv.dir, 'bin')}:${world.env.PATH}`,
    FENCE_TEST_HOSTS: JSON.stringify({ 'exfil.test': '127.0.0.1', 'pypi.test': '127.0.0.1' }),
  };
  delete env.PIP_FIND_LINKS; // the machine's own wheel dir has no business in these installs
  opts = { cwd: world.project, env, timeoutMs: 180_000 };
});
afterAll(async () => {
  await exfil?.close();
  if (venv) await world.cleanup();
});

/** A copy of a fixture in the project, with the listener's port for the attack fixture. */
async function copyFixture(name: string, as: string): Promise<string> {
  const dir = path.join(world.project, as);
  await cp(path.join(PY_FIXTURES, name), dir, { recursive: true });
  writeFileSync(path.join(dir, 'fence-target.txt'), `${exfil.port}\n`);
  return dir;
}

const PIP_LOCAL = ['install', '--no-index', '--no-build-isolation', '--disable-pip-version-check', '--force-reinstall'];

describe.skipIf(!venv)(`fence-run pip${venv ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('the setup.py attack works when pip runs plainly', async () => {
    const dir = await copyFixture('evil-setup', 'evil-plain');
    const r = await runProcess(venv!.pip, [...PIP_LOCAL, './evil-plain'], opts);
    expect(r.code, r.stderr).toBe(0);
    const loot = await readFixtureLoot(dir);
    expect(worked(loot)).toEqual(expect.arrayContaining(ATTACKS));
    expect(loot?.['read:home/.ssh/id_rsa']?.detail).toContain(SECRET_MARKERS.sshKey);
    expect(readFileSync(path.join(world.home, '.bashrc'), 'utf8')).toContain('evil-setup was here');
    expect(exfil.requests.some((q) => q.url === '/direct')).toBe(true);
    writeFileSync(path.join(world.home, '.bashrc'), BASHRC_CONTENT);
    exfil.requests.length = 0;
  });

  it('under fence-run the install completes without any of its effects', async () => {
    const dir = await copyFixture('evil-setup', 'evil-fenced');
    const r = await runFence(['pip', ...PIP_LOCAL, './evil-fenced'], opts);
    expect(r.code, r.stderr).toBe(0);
    const loot = await readFixtureLoot(dir);
    expect(loot, 'setup.py ran and recorded its attempts').toBeDefined();
    // Inside, ~ is an empty stand-in: appending there creates a file that vanishes with the sandbox.
    expect(worked(loot).filter((a) => a !== 'write:home/.bashrc')).toEqual([]);
    expect(loot?.['read:home/.ssh/id_rsa']?.detail).not.toContain(SECRET_MARKERS.sshKey);
    expect(readFileSync(path.join(world.home, '.bashrc'), 'utf8')).toBe(BASHRC_CONTENT);
    expect(exfil.requests).toEqual([]);
    // It did install, into the virtualenv outside the working directory.
    const show = await runProcess(venv!.pip, ['show', '--disable-pip-version-check', 'evil-setup'], opts);
    expect(show.stdout).toContain('Name: evil-setup');
  });

  it('installs and imports a benign local package', async () => {
    await copyFixture('benign-setup', 'benign');
    const r = await runFence(['pip', ...PIP_LOCAL, './benign'], opts);
    expect(r.code, r.stderr).toBe(0);
    const imp = await runFence(['python', '-c', 'import benignpkg; print(benignpkg.VALUE)'], opts);
    expect(imp.stdout).toBe('42\n');
  });

  describe('from a local simple index through the proxy', () => {
    let index: SimpleIndex;
    beforeAll(async () => {
      const out = path.join(world.root, 'index-files');
      await mkdir(out, { recursive: true });
      index = await startSimpleIndex([await buildSdist(path.join(PY_FIXTURES, 'index-pkg'), 'idxpkg', '1.0', out)]);
    });
    afterAll(async () => {
      await index?.close();
    });
    const pipFromIndex = () => [
      'pip', 'install', '--no-build-isolation', '--disable-pip-version-check', '--no-cache-dir',
      '--index-url', `http://pypi.test:${index.port}/simple`, '--trusted-host', 'pypi.test', 'idxpkg',
    ];

    it('is refused, naming the host, when the name is not allowed', async () => {
      const r = await runFence(['--profile', 'none', ...pipFromIndex()], opts);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(new RegExp(`fence: refused \\S+ pypi\\.test:${index.port}`));
      expect(index.requests).toEqual([]);
    });

    it('works when the pip profile allows the --index-url host', async () => {
      const p = await runFence(['--print-policy', ...pipFromIndex()], opts);
      expect(p.stdout).toMatch(/network allowed \(through the proxy\):\n(  .*\n)*  pypi\.test\n/);
      expect(p.stdout).toContain(`  ${venv!.dir}\n`);

      const r = await runFence(pipFromIndex(), opts);
      expect(r.code, r.stderr).toBe(0);
      expect(index.requests).toEqual(expect.arrayContaining(['/simple/idxpkg/', '/files/idxpkg-1.0.tar.gz']));
      const imp = await runProcess(venv!.python, ['-c', 'import idxpkg; print(idxpkg.ANSWER)'], opts);
      expect(imp.stdout).toBe('from the local index\n');
    });
  });
});

// Keeps the file a test file even when everything above is skipped.
it('has a fixture directory', () => {
  expect(existsSync(path.join(PY_FIXTURES, 'evil-setup', 'setup.py'))).toBe(true);
});
