// npm 11 with fence-shell as its script-shell: one offline install of every
// fixture (and a workspace package with `prepare`, and a root postinstall).
// attacks-plain.test.ts shows each attack works without fence; here each is
// refused, on the attack's own record (loot.json) and on the host itself.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTACK_FIXTURES,
  BASHRC_CONTENT,
  BENIGN_FIXTURES,
  PAYLOAD_BODY,
  leakedMarkers,
  makeProject,
  readLoot,
  startHttpServer,
  succeeded,
  type Loot,
  type Project,
  type RecordingServer,
  adHocTarball,
  listBrokers,
  waitFor,
  FENCE_SHELL,
  fenceEnv,
  runPackageManager,
  type InstallRun,
  readSessionEvents,
  scriptStarts,
  type LoggedEvent,
} from './helpers/index.js';

const ATTACKS = ATTACK_FIXTURES;
const BENIGN = BENIGN_FIXTURES;

const FENCE_JSON = {
  packages: {
    'fetches-allowed': { network: { allowedDomains: ['allowed.test'] } },
    'fetches-allowed-fetch': { network: { allowedDomains: ['allowed.test'] } },
  },
};

const WORKSPACE_PKG = {
  name: 'ws-prep',
  version: '1.0.0',
  scripts: { prepare: `node -e "require('fs').writeFileSync('prepared.txt', 'prepared\\n')"` },
};

// An optional dependency whose script fails because a write is refused: the
// project's manifest is read-only to dependencies.
const OPTIONAL_REFUSED = {
  name: 'optional-refused',
  version: '1.0.0',
  scripts: { postinstall: `node -e "require('fs').appendFileSync(process.env.INIT_CWD + '/package.json', ' ')"` },
};

let project: Project;
let allowed: RecordingServer;
let exfil: RecordingServer;
let logDir: string;
let install: InstallRun;
let events: LoggedEvent[];
let brokersAfter: number[] = [];
let siblingAfter: string | undefined;
const loot: Record<string, Loot | undefined> = {};

beforeAll(async () => {
  allowed = await startHttpServer(0);
  exfil = await startHttpServer(0);
  const deps: Record<string, string> = {};
  for (const name of [...ATTACKS, ...BENIGN]) deps[name] = name;
  project = await makeProject({
    pm: 'npm',
    deps,
    optional: { 'optional-blocked': 'optional-blocked' },
    ports: { allowed: allowed.port, exfil: exfil.port },
    npmrcExtra: `script-shell=${FENCE_SHELL}\n`,
    extraFiles: {
      'fence.json': JSON.stringify(FENCE_JSON, null, 2) + '\n',
      'packages/ws-prep/package.json': JSON.stringify(WORKSPACE_PKG, null, 2) + '\n',
    },
  });
  // A workspace and a root install script: both run as the project's own scripts.
  const manifestPath = path.join(project.dir, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.workspaces = ['packages/ws-prep'];
  manifest.optionalDependencies['optional-refused'] = `file:${await adHocTarball(project.root, OPTIONAL_REFUSED)}`;
  manifest.scripts = { postinstall: `node -e "require('fs').writeFileSync('root-postinstall.txt', 'root\\n')"` };
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');

  logDir = path.join(project.root, 'logs');
  const env = await fenceEnv(project.home, logDir);
  install = await runPackageManager('npm', ['install', '--offline', '--no-audit', '--no-fund'], { cwd: project.dir, env });
  const ended = Date.now();
  // The broker follows its owner out (it polls every 500 ms); bounded wait for a loaded machine.
  await waitFor(() => listBrokers(install.pid).length === 0, 10_000);
  brokersAfter = listBrokers(install.pid).map((b) => b.pid);
  // persist-bg's child would write its proof 3 s after its script; give it longer.
  await new Promise((r) => setTimeout(r, Math.max(0, 4500 - (Date.now() - ended))));
  events = await readSessionEvents(logDir);
  for (const name of [...ATTACKS, 'optional-blocked']) loot[name] = await readLoot(project.dir, name);
  siblingAfter = await readFile(path.join(project.dir, 'node_modules', 'benign-postinstall', 'index.js'), 'utf8').catch(() => undefined);
}, 300_000);

afterAll(async () => {
  for (const pid of brokersAfter) process.kill(pid, 'SIGTERM');
  await project?.cleanup();
  await allowed?.close();
  await exfil?.close();
});

const output = () => `${install.stdout}\n${install.stderr}`;

describe('npm install under fence', () => {
  it('succeeds with every fixture installed, sandboxed, in one session whose broker is gone afterwards', () => {
    expect(install.code, output()).toBe(0);
    for (const name of [...ATTACKS, ...BENIGN]) {
      expect(existsSync(path.join(project.dir, 'node_modules', name, 'package.json')), name).toBe(true);
    }
    const started = scriptStarts(events);
    const scripted = new Set(started.map((e) => e.package));
    for (const name of [...ATTACKS, ...BENIGN, 'optional-blocked', 'optional-refused', 'ws-prep', 'fence-test-project']) {
      expect(scripted.has(name), `${name} ran sandboxed`).toBe(true);
    }
    // One broker shared by every script of the install: one session, owned by this npm.
    const sessions = new Set(events.map((e) => e.session));
    expect([...sessions]).toEqual([expect.stringMatching(new RegExp(`^${install.pid}-\\d+$`))]);
    expect(brokersAfter).toEqual([]);
  });

  it('builds the benign packages inside the sandbox', async () => {
    const nm = path.join(project.dir, 'node_modules');
    const built = JSON.parse(await readFile(path.join(nm, 'benign-postinstall', 'built.txt'), 'utf8'));
    expect(built.tmpRoundTrip).toBe(true);
    expect(built.siblingsRead).toContain('native-addon');
    const answer = await runPackageManager(process.execPath, ['-e', "process.stdout.write(String(require('native-addon').answer()))"], {
      cwd: project.dir,
      env: process.env,
    });
    expect(answer.stdout).toBe('42');
    expect(await readFile(path.join(nm, 'benign-nested', 'nested.txt'), 'utf8')).toBe('nested ok\n');
    expect(await readFile(path.join(project.dir, 'packages', 'ws-prep', 'prepared.txt'), 'utf8')).toBe('prepared\n');
    expect(await readFile(path.join(project.dir, 'root-postinstall.txt'), 'utf8')).toBe('root\n');
    const kinds = Object.fromEntries(scriptStarts(events).map((e) => [e.package, e.kind]));
    expect(kinds).toMatchObject({ 'ws-prep': 'project', 'fence-test-project': 'project', 'benign-postinstall': 'dependency' });
  });

  it('lets fetches-allowed reach allowed.test through the proxy, as fence.json allows', async () => {
    for (const name of ['fetches-allowed', 'fetches-allowed-fetch']) {
      expect(await readFile(path.join(project.dir, 'node_modules', name, 'fetched.txt'), 'utf8'), name).toBe(PAYLOAD_BODY);
    }
    expect(allowed.requests.filter((r) => /\/payload$/.test(r.url)).length).toBe(2);
  });

  it('refuses every exfiltration: the exfil server receives nothing and the refusals are logged', () => {
    expect(exfil.requests).toEqual([]);
    expect(succeeded(loot['exfil-http'])).toEqual([]);
    expect(loot['exfil-http']?.attempts['exfil:direct-tcp']?.ok).toBe(false);
    const refusedBy = new Set(events.filter((e) => e.type === 'network' && e.host === 'exfil.test').map((e) => e.package));
    for (const name of ['steal-env', 'steal-files', 'exfil-http', 'write-outside', 'shai-hulud-like']) expect(refusedBy.has(name), name).toBe(true);
  });

  it('hides secrets from env, ~/.npmrc, ~/.ssh, the project and /proc', () => {
    for (const name of ATTACKS) expect(loot[name], `${name} ran`).toBeDefined();
    // No planted marker anywhere in what any attack recorded.
    expect(leakedMarkers(JSON.stringify(loot))).toEqual([]);
    expect(loot['steal-env']?.attempts['env:any-secret']?.ok).toBe(false);
    const files = loot['steal-files']?.attempts ?? {};
    for (const what of ['read:home:.npmrc', 'read:home:.ssh/id_rsa', 'read:home:.aws/credentials', 'read:project:.npmrc', 'read:project:.env']) {
      expect(files[what]?.ok, what).toBe(false);
    }
    expect(succeeded(loot['shai-hulud-like'])).not.toContain('steal:home/.npmrc');
    expect(loot['gyp-command-expansion']?.attempts['read:home/.ssh/id_rsa']?.ok).toBe(false);
  });

  it('refuses writes outside the package: .git/hooks, a sibling, package.json, workflows', async () => {
    // ~/.bashrc and /tmp inside are throwaway stand-ins: writing there "works" and never reaches the host.
    const inside = ['write:home/.bashrc', 'write:tmp/fence-pwned'];
    expect(succeeded(loot['write-outside']).filter((w) => !inside.includes(w))).toEqual([]);
    expect(existsSync(path.join(project.dir, '.git', 'hooks', 'pre-commit'))).toBe(false);
    expect(siblingAfter).toBeDefined();
    expect(siblingAfter).not.toContain('write-outside was here');
    const manifest = JSON.parse(await readFile(path.join(project.dir, 'package.json'), 'utf8'));
    expect(manifest.fencePwned).toBeUndefined();
    expect(existsSync(path.join(project.dir, '.github', 'workflows', 'shai-hulud-like.yml'))).toBe(false);
    expect(succeeded(loot['shai-hulud-like'])).not.toContain('write:project/.github/workflows');
  });

  it('keeps the host ~/.bashrc and /tmp untouched', () => {
    expect(readFileSync(path.join(project.home, '.bashrc'), 'utf8')).toBe(BASHRC_CONTENT);
    const tag = createHash('sha256').update(project.dir).digest('hex').slice(0, 12);
    expect(existsSync(path.join(os.tmpdir(), `fence-pwned-${tag}`))).toBe(false);
    expect(existsSync(path.join('/tmp', `fence-pwned-${tag}`))).toBe(false);
  });

  it('kills the background process persist-bg leaves behind', () => {
    expect(loot['persist-bg']?.attempts['spawn:detached']?.ok).toBe(true);
    expect(loot['persist-bg']?.attempts['survive:write-home-proof']).toBeUndefined();
    expect(existsSync(path.join(project.home, 'fence-persist-proof'))).toBe(false);
  });

  it('judges name-spoof by where it is installed, not by the name it claims, and logs the mismatch', () => {
    expect(loot['name-spoof']?.declaredName).toBe('fetches-allowed');
    expect(loot['name-spoof']?.attempts['net:allowed.test']?.ok).toBe(false);
    const identity = events.find((e) => e.type === 'identity' && e.package === 'name-spoof');
    expect(identity?.reason).toMatch(/fetches-allowed/);
    expect(events.some((e) => e.type === 'network' && e.package === 'name-spoof' && e.host === 'allowed.test')).toBe(true);
  });

  it('drops the optional dependency whose script was refused, and the install still succeeds', () => {
    expect(existsSync(path.join(project.dir, 'node_modules', 'optional-refused'))).toBe(false);
    const end = events.find((e) => e.type === 'script' && e.phase === 'end' && e.package === 'optional-refused');
    expect(end?.exitCode).toBe(1);
    // optional-blocked's append to ~/.bashrc is refused (start-up files stay read-only): dropped as well.
    expect(existsSync(path.join(project.dir, 'node_modules', 'optional-blocked', 'package.json'))).toBe(false);
    const blocked = events.find((e) => e.type === 'script' && e.phase === 'end' && e.package === 'optional-blocked');
    expect(blocked?.exitCode).toBe(1);
  });
});

describe('a script that fails after a refused connection', () => {
  let small: Project;
  let run: InstallRun;

  beforeAll(async () => {
    small = await makeProject({ pm: 'npm', deps: { 'fetches-allowed': 'fetches-allowed' }, ports: { allowed: allowed.port }, npmrcExtra: `script-shell=${FENCE_SHELL}\n` });
    run = await runPackageManager('npm', ['install', '--offline', '--no-audit', '--no-fund'], {
      cwd: small.dir,
      env: await fenceEnv(small.home, path.join(small.root, 'logs')),
    });
  }, 120_000);

  afterAll(async () => {
    await small?.cleanup();
  });

  it('ends its stderr with the refused host and the fence.json line that would allow it', () => {
    expect(run.code).not.toBe(0);
    // npm prints the script's stderr as `npm error` lines, then its own log hint.
    const lines = run.stderr.split('\n').map((l) => l.replace(/^npm error /, ''));
    const hint = lines.findIndex((l) => l.startsWith('A complete log of this run'));
    const last = lines[hint - 1];
    expect(last).toBe(
      `fence: refused connection to allowed.test:${allowed.port} (not-allowed); ` +
        'to allow it add "allowed.test" to packages["fetches-allowed"].network.allowedDomains in fence.json',
    );
  });
});
