// pnpm 12 wired by `fence init pnpm` (scriptShell: fence-shell, sideEffectsCache:
// false): one offline install with parallel builds of benign and attack fixtures.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BASHRC_CONTENT,
  PAYLOAD_BODY,
  leakedMarkers,
  makeProject,
  readLoot,
  startHttpServer,
  succeeded,
  type Loot,
  type Project,
  type RecordingServer,
  listBrokers,
  waitFor,
  fenceInit,
  FENCE_SHELL,
  fenceEnv,
  PNPM_BIN,
  runPackageManager,
  type InstallRun,
  readSessionEvents,
  scriptStarts,
  type LoggedEvent,
} from './helpers/index.js';

const ATTACKS = ['steal-files', 'write-outside', 'exfil-http'] as const;
const BENIGN = ['benign-postinstall', 'native-addon', 'benign-nested', 'fetches-allowed'] as const;

let project: Project;
let allowed: RecordingServer;
let exfil: RecordingServer;
let install: InstallRun;
let events: LoggedEvent[];
let workspaceYaml: Record<string, unknown>;
let initOutput = '';
// Brokers seen while pnpm ran (pid -> session dir), and the most at one time.
const brokersSeen = new Map<number, string>();
let mostAtOnce = 0;
let brokersAfter: number[] = [];
const loot: Record<string, Loot | undefined> = {};

/** The real directory pnpm linked node_modules/<name> to (inside node_modules/.pnpm). */
const pkgDir = (name: string) => realpathSync(path.join(project.dir, 'node_modules', name));

beforeAll(async () => {
  allowed = await startHttpServer(0);
  exfil = await startHttpServer(0);
  const deps: Record<string, string> = {};
  for (const name of [...ATTACKS, ...BENIGN]) deps[name] = name;
  project = await makeProject({
    pm: 'pnpm',
    deps,
    ports: { allowed: allowed.port, exfil: exfil.port },
    extraFiles: { 'fence.json': JSON.stringify({ packages: { 'fetches-allowed': { network: { allowedDomains: ['allowed.test'] } } } }) },
  });
  const logDir = path.join(project.root, 'logs');
  const env = await fenceEnv(project.home, logDir);
  initOutput = await fenceInit('pnpm', project.dir, env);
  workspaceYaml = parseYaml(await readFile(path.join(project.dir, 'pnpm-workspace.yaml'), 'utf8')) as Record<string, unknown>;

  install = await runPackageManager(PNPM_BIN, ['install', '--offline'], {
    cwd: project.dir,
    env,
    whileRunning: (pid) => {
      const now = listBrokers(pid);
      mostAtOnce = Math.max(mostAtOnce, now.length);
      for (const b of now) brokersSeen.set(b.pid, b.sessionDir);
    },
  });
  await waitFor(() => listBrokers(install.pid).length === 0, 10_000);
  brokersAfter = listBrokers(install.pid).map((b) => b.pid);
  events = await readSessionEvents(logDir);
  for (const name of ATTACKS) loot[name] = await readLoot(project.dir, name);
}, 300_000);

afterAll(async () => {
  for (const pid of brokersAfter) process.kill(pid, 'SIGTERM');
  await project?.cleanup();
  await allowed?.close();
  await exfil?.close();
});

describe('pnpm install under fence', () => {
  it('is wired by fence init pnpm: scriptShell is fence-shell, the side-effects cache is off', () => {
    expect(workspaceYaml.scriptShell).toBe(realpathSync(FENCE_SHELL));
    expect(workspaceYaml.sideEffectsCache).toBe(false);
    expect(workspaceYaml.dangerouslyAllowAllBuilds).toBe(true);
    expect(initOutput).toContain('scriptShell');
  });

  it('succeeds with every build sandboxed by one broker, gone after the install', () => {
    expect(install.code, `${install.stdout}\n${install.stderr}`).toBe(0);
    const scripted = new Set(scriptStarts(events).map((e) => e.package));
    for (const name of [...ATTACKS, ...BENIGN]) expect(scripted.has(name), `${name} ran sandboxed`).toBe(true);
    // Parallel builds share one broker and one session dir.
    expect(mostAtOnce).toBe(1);
    expect(brokersSeen.size).toBe(1);
    const sessions = new Set(events.map((e) => e.session));
    expect(sessions.size).toBe(1);
    expect(path.basename([...brokersSeen.values()][0] ?? '')).toBe(`session-${[...sessions][0]}`);
    expect(brokersAfter).toEqual([]);
  });

  it('builds benign-postinstall, the node-gyp addon and benign-nested inside the sandbox', async () => {
    const built = JSON.parse(await readFile(path.join(pkgDir('benign-postinstall'), 'built.txt'), 'utf8'));
    expect(built.tmpRoundTrip).toBe(true);
    const answer = await runPackageManager(process.execPath, ['-e', "process.stdout.write(String(require('native-addon').answer()))"], {
      cwd: project.dir,
      env: process.env,
    });
    expect(answer.stdout).toBe('42');
    expect(await readFile(path.join(pkgDir('benign-nested'), 'nested.txt'), 'utf8')).toBe('nested ok\n');
  });

  it('applies the per-package entry to a file: tarball in the pnpm store (identity verified)', async () => {
    expect(await readFile(path.join(pkgDir('fetches-allowed'), 'fetched.txt'), 'utf8')).toBe(PAYLOAD_BODY);
    expect(allowed.requests.filter((r) => /\/payload$/.test(r.url)).length).toBe(1);
    expect(events.filter((e) => e.type === 'identity')).toEqual([]);
  });

  it('hides the secrets steal-files looks for', () => {
    for (const name of ATTACKS) expect(loot[name], `${name} ran`).toBeDefined();
    expect(leakedMarkers(JSON.stringify(loot))).toEqual([]);
    const files = loot['steal-files']?.attempts ?? {};
    for (const what of ['read:home:.npmrc', 'read:home:.ssh/id_rsa', 'read:project:.npmrc', 'read:project:.env']) expect(files[what]?.ok, what).toBe(false);
  });

  it('refuses exfiltration: the exfil server receives nothing', () => {
    expect(exfil.requests).toEqual([]);
    expect(succeeded(loot['exfil-http'])).toEqual([]);
    expect(events.some((e) => e.type === 'network' && e.package === 'exfil-http' && e.host === 'exfil.test')).toBe(true);
  });

  it('refuses write-outside: git hook, sibling in the store, package.json; host home and /tmp untouched', () => {
    const inside = ['write:home/.bashrc', 'write:tmp/fence-pwned'];
    expect(succeeded(loot['write-outside']).filter((w) => !inside.includes(w))).toEqual([]);
    expect(existsSync(path.join(project.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(readFileSync(path.join(pkgDir('benign-postinstall'), 'index.js'), 'utf8')).not.toContain('write-outside was here');
    expect(JSON.parse(readFileSync(path.join(project.dir, 'package.json'), 'utf8')).fencePwned).toBeUndefined();
    expect(readFileSync(path.join(project.home, '.bashrc'), 'utf8')).toBe(BASHRC_CONTENT);
    const tag = createHash('sha256').update(project.dir).digest('hex').slice(0, 12);
    expect(existsSync(path.join(os.tmpdir(), `fence-pwned-${tag}`))).toBe(false);
  });
});
