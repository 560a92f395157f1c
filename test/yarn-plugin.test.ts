// The Yarn Berry plugin with real Yarn 4.18.1 installing fixture tarballs offline:
// every lifecycle script (and the implicit node-gyp build) runs in its own sandbox,
// with node-modules and with PnP.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installLocation } from '@fence/core';
import { BASHRC_CONTENT, leakedMarkers, readLoot, startHttpServer, type Project, type RecordingServer } from './helpers/index.js';
import { buildYarnPlugin } from './helpers/build-yarn-plugin.js';
import { fenceEnv } from './helpers/fence-wiring.js';
import type { InstallRun } from './helpers/run-package-manager.js';
import { readSessionEvents, scriptStarts, type LoggedEvent } from './helpers/session-log.js';
import { makeYarnProject, runYarn, YARN_PLUGIN_BUNDLE } from './helpers/yarn-project.js';
import { wireYarn } from '../packages/cli/src/yarn/wire-yarn.js';

const run = promisify(execFile);
const ATTACKS = ['steal-env', 'steal-files', 'exfil-http', 'write-outside', 'persist-bg'] as const;

let allowed: RecordingServer;
let exfil: RecordingServer;
const cleanups: Array<() => Promise<void>> = [];

interface Installed {
  project: Project;
  logDir: string;
  env: NodeJS.ProcessEnv;
  install: InstallRun;
  events: LoggedEvent[];
}

async function install(linker: 'node-modules' | 'pnp', deps: string[], dependenciesMeta?: Record<string, { built?: boolean }>): Promise<Installed> {
  const project = await makeYarnProject({
    linker,
    deps: Object.fromEntries(deps.map((d) => [d, d])),
    dependenciesMeta,
    scripts: { postinstall: 'node -e "require(\'fs\').writeFileSync(\'project-postinstall.txt\', process.env.npm_lifecycle_event)"' },
    ports: { allowed: allowed.port, exfil: exfil.port },
    extraFiles: { 'fence.json': JSON.stringify({ packages: { 'fetches-allowed': { network: { allowedDomains: ['allowed.test'] } } } }) },
  });
  cleanups.push(project.cleanup);
  const logDir = path.join(project.root, 'logs');
  const env = await fenceEnv(project.home, logDir);
  const result = await runYarn(project.dir, ['install'], env);
  return { project, logDir, env, install: result, events: await readSessionEvents(logDir) };
}

beforeAll(async () => {
  buildYarnPlugin();
  allowed = await startHttpServer(0);
  exfil = await startHttpServer(0);
}, 180_000);

afterAll(async () => {
  await Promise.all(cleanups.map((c) => c()));
  await allowed?.close();
  await exfil?.close();
});

describe('yarn plugin, nodeLinker node-modules', () => {
  let r: Installed;
  beforeAll(async () => {
    r = await install(
      'node-modules',
      ['benign-postinstall', 'native-addon', 'fetches-allowed', 'shai-hulud-like', ...ATTACKS],
      { 'shai-hulud-like': { built: false } },
    );
    // persist-bg's detached child would write its proof 3 s after its script; give it time to (fail to).
    await new Promise((res) => setTimeout(res, 4500));
  }, 240_000);

  it('installs, and the benign packages build inside the sandbox (the native addon through the node-gyp shim)', async () => {
    expect(r.install.code, r.install.stdout + r.install.stderr).toBe(0);
    const dir = r.project.dir;
    expect(existsSync(path.join(dir, 'node_modules/benign-postinstall/built.txt'))).toBe(true);
    const { stdout } = await run(process.execPath, ['-e', 'process.stdout.write(String(require("native-addon").answer()))'], { cwd: dir });
    expect(stdout).toBe('42');
    expect(existsSync(path.join(dir, 'node_modules/fetches-allowed/fetched.txt'))).toBe(true);
    expect(allowed.requests.length).toBeGreaterThan(0);
    expect(readFileSync(path.join(dir, 'project-postinstall.txt'), 'utf8')).toBe('postinstall');
    const started = scriptStarts(r.events).map((e) => `${e.package} ${e.event} ${e.kind}`);
    expect(started).toEqual(
      expect.arrayContaining([
        'native-addon install dependency',
        'benign-postinstall postinstall dependency',
        'fetches-allowed postinstall dependency',
        'fence-test-project postinstall project',
        ...ATTACKS.map((a) => `${a} postinstall dependency`),
      ]),
    );
  });

  it('refuses the attacks: no secret, no write outside, no exfiltration, no surviving process', async () => {
    const { dir, home } = r.project;
    for (const a of ATTACKS) expect(await readLoot(dir, a), a).toBeDefined();
    expect(leakedMarkers(JSON.stringify(await readLoot(dir, 'steal-env')))).toEqual([]);
    expect(leakedMarkers(JSON.stringify(await readLoot(dir, 'steal-files')))).toEqual([]);
    expect(exfil.requests).toEqual([]);
    expect(readFileSync(path.join(home, '.bashrc'), 'utf8')).toBe(BASHRC_CONTENT);
    expect(existsSync(path.join(dir, '.git/hooks/pre-commit'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).fencePwned).toBeUndefined();
    expect(readFileSync(path.join(dir, 'node_modules/benign-postinstall/index.js'), 'utf8')).not.toContain('pwned');
    const pwned = path.join(os.tmpdir(), `fence-pwned-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}`);
    expect(existsSync(pwned)).toBe(false);
    expect(existsSync(path.join(home, 'fence-persist-proof'))).toBe(false);
  });

  it('never runs a package with dependenciesMeta built: false', async () => {
    expect(await readLoot(r.project.dir, 'shai-hulud-like')).toBeUndefined();
    expect(scriptStarts(r.events).some((e) => e.package === 'shai-hulud-like')).toBe(false);
  });

  it('ends the install with a summary that lists the refusals by package and the log', () => {
    const out = r.install.stdout;
    expect(out).toMatch(/fence: \d+ scripts ran sandboxed, \d+ connections refused/);
    for (const a of ['steal-env', 'steal-files', 'exfil-http', 'write-outside']) expect(out).toContain(`fence: refused for ${a}@1.0.0: exfil.test:${exfil.port}`);
    expect(out).not.toContain('refused for fetches-allowed');
    expect(out).toMatch(/fence: session log: .*\.jsonl/);
  });

  it('`yarn fence report` and `yarn fence scripts` describe the project', async () => {
    const report = await runYarn(r.project.dir, ['fence', 'report'], r.env);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain(`fence: refused for exfil-http@1.0.0: exfil.test:${exfil.port}`);
    const scripts = await runYarn(r.project.dir, ['fence', 'scripts'], r.env);
    expect(scripts.code, scripts.stdout + scripts.stderr).toBe(0);
    expect(scripts.stdout).toMatch(/shai-hulud-like@1\.0\.0 +node_modules\/shai-hulud-like +built: false/);
    expect(scripts.stdout).toContain('install: node-gyp rebuild  (implicit: binding.gyp)');
    expect(scripts.stdout).toMatch(/fetches-allowed@1\.0\.0[^\n]*\n(?:  [^\n]*\n)*  policy: writes [^;]*; network allowed\.test/);
  });
});

describe('yarn plugin, PnP', () => {
  let r: Installed;
  beforeAll(async () => {
    r = await install('pnp', ['benign-postinstall', 'native-addon', 'exfil-http', 'write-outside']);
  }, 240_000);

  it('builds unplugged packages in the sandbox, the gyp build identified from .yarn/unplugged', () => {
    expect(r.install.code, r.install.stdout + r.install.stderr).toBe(0);
    const unplugged = path.join(r.project.dir, '.yarn/unplugged');
    const addon = readdirSync(unplugged).find((n) => n.startsWith('native-addon-'));
    expect(addon).toBeDefined();
    expect(existsSync(path.join(unplugged, addon!, 'node_modules/native-addon/build/Release/addon.node'))).toBe(true);
    const gyp = scriptStarts(r.events).find((e) => e.package === 'native-addon');
    expect(gyp).toMatchObject({ event: 'install', kind: 'dependency', verified: true });
    expect(String(gyp!.dir)).toContain('/.yarn/unplugged/native-addon-');
  });

  it('refuses the attacks and summarizes them', async () => {
    expect(exfil.requests).toEqual([]);
    expect(readFileSync(path.join(r.project.home, '.bashrc'), 'utf8')).toBe(BASHRC_CONTENT);
    expect(existsSync(path.join(r.project.dir, '.git/hooks/pre-commit'))).toBe(false);
    expect(r.install.stdout).toContain(`fence: refused for exfil-http@1.0.0: exfil.test:${exfil.port}`);
    expect(r.install.stdout).toContain(`fence: refused for write-outside@1.0.0: exfil.test:${exfil.port}`);
  });
});

describe('yarn plugin imported by `fence init yarn`, and `yarn run`', () => {
  let project: Project;
  let env: NodeJS.ProcessEnv;
  let logDir: string;
  beforeAll(async () => {
    project = await makeYarnProject({
      linker: 'node-modules',
      deps: { 'benign-postinstall': 'benign-postinstall' },
      scripts: { 'touch-home': 'node -e "require(\'fs\').writeFileSync(require(\'os\').homedir() + \'/\' + process.argv[1], \'\')"' },
    });
    cleanups.push(project.cleanup);
    // Only the offline settings: the plugin comes from `yarn plugin import` (copied into .yarn/plugins).
    const rc = path.join(project.dir, '.yarnrc.yml');
    writeFileSync(rc, readFileSync(rc, 'utf8').replace(/^fenceRoot:.*\n/m, '').replace(/^plugins:[\s\S]*$/m, ''));
    logDir = path.join(project.root, 'logs');
    env = await fenceEnv(project.home, logDir);
  }, 60_000);

  it('imports the bundle, sets fenceRoot, and the copied plugin sandboxes the install', async () => {
    const wired = wireYarn({ project: project.dir, global: false, remove: false, env }, () => YARN_PLUGIN_BUNDLE);
    expect(wired.ok, wired.lines.join('\n')).toBe(true);
    const rc = readFileSync(path.join(project.dir, '.yarnrc.yml'), 'utf8');
    expect(rc).toContain('.yarn/plugins/@yarnpkg/plugin-fence.cjs');
    expect(rc).toMatch(/^fenceRoot: \//m);
    const r = await runYarn(project.dir, ['install'], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(scriptStarts(await readSessionEvents(logDir)).map((e) => e.package)).toContain('benign-postinstall');
  });

  it('`yarn run` runs on the host by default and in the sandbox with scripts.runByHand "sandbox"', async () => {
    const onHost = await runYarn(project.dir, ['run', 'touch-home', 'host-run'], env);
    expect(onHost.code, onHost.stdout + onHost.stderr).toBe(0);
    expect(existsSync(path.join(project.home, 'host-run'))).toBe(true);
    writeFileSync(path.join(project.dir, 'fence.json'), JSON.stringify({ scripts: { runByHand: 'sandbox' } }));
    const sandboxed = await runYarn(project.dir, ['run', 'touch-home', 'sandboxed-run'], env);
    expect(sandboxed.code, sandboxed.stdout + sandboxed.stderr).toBe(0);
    // HOME inside is an empty stand-in: the write lands there, never in the real home.
    expect(existsSync(path.join(project.home, 'sandboxed-run'))).toBe(false);
    const byHand = scriptStarts(await readSessionEvents(logDir)).filter((e) => e.kind === 'by-hand');
    expect(byHand.map((e) => e.event)).toEqual(['touch-home']);
  });

  it('`fence init yarn --remove` takes out fenceRoot and the plugin, and Yarn still starts', async () => {
    const removed = wireYarn({ project: project.dir, global: false, remove: true, env }, () => YARN_PLUGIN_BUNDLE);
    expect(removed.ok, removed.lines.join('\n')).toBe(true);
    expect(readFileSync(path.join(project.dir, '.yarnrc.yml'), 'utf8')).not.toContain('fenceRoot');
    const r = await runYarn(project.dir, ['--version'], env);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });
});

describe('install location of a Yarn PnP unplugged package', () => {
  it('names the package and the project before .yarn/unplugged', () => {
    expect(installLocation('/p/.yarn/unplugged/native-addon-file-1a2b/node_modules/native-addon')).toEqual({ name: 'native-addon', projectRoot: '/p' });
    expect(installLocation('/p/.yarn/unplugged/@s-a-npm-1.0.0-ff/node_modules/@s/a')).toEqual({ name: '@s/a', projectRoot: '/p' });
  });
});

describe('yarn plugin, audit mode', () => {
  it('records refused file accesses of a dependency script with FENCE_AUDIT=1, and none without', async () => {
    const project = await makeYarnProject({ linker: 'node-modules', deps: { 'write-outside': 'write-outside' }, ports: { allowed: allowed.port, exfil: exfil.port } });
    cleanups.push(project.cleanup);
    const audited = path.join(project.root, 'logs-audit');
    const result = await runYarn(project.dir, ['install'], { ...(await fenceEnv(project.home, audited)), FENCE_AUDIT: '1' });
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const files = (await readSessionEvents(audited)).filter((e) => e.type === 'file' && e.package === 'write-outside');
    const paths = files.map((e) => String(e.path));
    expect(paths).toContain(path.join(project.home, '.bashrc'));
    expect(paths).toContain(path.join(project.dir, 'package.json'));
    expect(readFileSync(path.join(project.home, '.bashrc'), 'utf8')).toBe(BASHRC_CONTENT);

    const plainLog = path.join(project.root, 'logs-plain');
    const again = await runYarn(project.dir, ['rebuild'], await fenceEnv(project.home, plainLog));
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect((await readSessionEvents(plainLog)).filter((e) => e.type === 'file')).toEqual([]);
  }, 240_000);
});
