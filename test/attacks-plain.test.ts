// Proves the fixtures are real: installed PLAINLY (no sandbox) with npm, every
// attack succeeds and every benign package works. The sandboxed tests then show
// fence stops what this test shows possible. One install covers everything.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTACK_FIXTURES,
  BASHRC_CONTENT,
  BENIGN_FIXTURES,
  PAYLOAD_BODY,
  SECRET_MARKERS,
  envFor,
  findNodeDir,
  leakedMarkers,
  makeProject,
  plainHostsEnv,
  readLoot,
  startHttpServer,
  succeeded,
  type Project,
  type RecordingServer,
} from './helpers/index.js';

const run = promisify(execFile);

const ATTACKS = ATTACK_FIXTURES;
const BENIGN = BENIGN_FIXTURES;

let project: Project;
let allowed: RecordingServer;
let exfil: RecordingServer;
let installOutput = '';

async function waitForFile(file: string, limitMs: number): Promise<boolean> {
  for (let waited = 0; waited < limitMs; waited += 200) {
    if (existsSync(file)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return existsSync(file);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

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
  });
  const env = envFor(project.home, { extra: plainHostsEnv() });
  const { stdout, stderr } = await run('npm', ['install', '--no-audit', '--no-fund'], {
    cwd: project.dir,
    env,
    maxBuffer: 32 * 1024 * 1024,
  });
  installOutput = stdout + stderr;
  // persist-bg's detached child writes its proof 3 s after the install step.
  await waitForFile(path.join(project.home, 'fence-persist-proof'), 60_000);
}, 300_000);

afterAll(async () => {
  if (project) {
    const bg = await readLoot(project.dir, 'persist-bg');
    if (typeof bg?.pid === 'number' && pidAlive(bg.pid)) process.kill(bg.pid, 'SIGKILL');
    // write-outside's file in the host's /tmp: the one thing outside project.root.
    const pwned = (await readLoot(project.dir, 'write-outside'))?.attempts['write:tmp/fence-pwned']?.detail;
    if (pwned && path.basename(pwned).startsWith('fence-pwned-')) await rm(pwned, { force: true });
    await project.cleanup();
  }
  await allowed?.close();
  await exfil?.close();
});

describe('every attack fixture works when run plainly', () => {
  it('installs with every fixture present', () => {
    expect(installOutput).not.toMatch(/ERR!/);
    for (const name of [...ATTACKS, ...BENIGN, 'optional-blocked']) {
      expect(existsSync(path.join(project.dir, 'node_modules', name, 'package.json')), name).toBe(true);
    }
  });

  it('steal-env gets the token variables', async () => {
    const loot = await readLoot(project.dir, 'steal-env');
    expect(loot?.attempts['env:NPM_TOKEN']).toEqual({ ok: true, detail: SECRET_MARKERS.envNpmToken });
    expect(loot?.attempts['env:GITHUB_TOKEN']?.detail).toBe(SECRET_MARKERS.envGithubToken);
    expect(loot?.attempts['env:AWS_SECRET_ACCESS_KEY']?.detail).toBe(SECRET_MARKERS.envAwsSecret);
    expect(loot?.attempts['exfil:http']?.ok).toBe(true);
  });

  it('steal-files reads home, project and /proc secrets', async () => {
    const loot = await readLoot(project.dir, 'steal-files');
    const a = loot?.attempts ?? {};
    expect(a['read:home:.npmrc']?.detail).toContain(SECRET_MARKERS.homeNpmrc);
    expect(a['read:home:.ssh/id_rsa']?.detail).toContain(SECRET_MARKERS.sshKey);
    expect(a['read:home:.aws/credentials']?.detail).toContain(SECRET_MARKERS.awsCredentials);
    expect(a['read:project:.npmrc']?.detail).toContain(SECRET_MARKERS.projectNpmrc);
    expect(a['read:project:.env']?.detail).toContain(SECRET_MARKERS.projectEnv);
    expect(a['read:project:.git/config']?.detail).toContain(SECRET_MARKERS.gitConfig);
    // The parent (sh run by npm) inherited the token variables.
    expect(a['read:proc:ppid/environ']?.detail).toContain(SECRET_MARKERS.envNpmToken);
    expect(a['read:proc:1/environ']).toBeDefined(); // readable or not depends on who PID 1 is
    expect(a['exfil:http']?.ok).toBe(true);
  });

  it('exfil-http gets out by http.request, fetch and a direct socket', async () => {
    const loot = await readLoot(project.dir, 'exfil-http');
    expect(succeeded(loot)).toEqual(expect.arrayContaining(['exfil:http', 'exfil:fetch', 'exfil:direct-tcp']));
    const urls = exfil.requests.map((r) => r.url);
    expect(urls).toEqual(expect.arrayContaining(['/http', '/fetch', '/direct']));
  });

  it('every stealing fixture delivered planted secrets to exfil.test', () => {
    const delivered = leakedMarkers(exfil.requests.map((r) => r.body).join('\n'));
    expect(delivered).toEqual(expect.arrayContaining(Object.values(SECRET_MARKERS)));
  });

  it('write-outside writes the shell rc, git hook, sibling package, manifest and /tmp', async () => {
    const loot = await readLoot(project.dir, 'write-outside');
    expect(succeeded(loot)).toEqual(
      expect.arrayContaining([
        'write:home/.bashrc',
        'write:project/.git/hooks/pre-commit',
        'write:sibling/benign-postinstall/index.js',
        'write:project/package.json',
        'write:tmp/fence-pwned',
      ]),
    );
    expect(await readFile(path.join(project.home, '.bashrc'), 'utf8')).toContain('write-outside was here');
    expect(existsSync(path.join(project.dir, '.git', 'hooks', 'pre-commit'))).toBe(true);
    const sibling = await readFile(path.join(project.dir, 'node_modules', 'benign-postinstall', 'index.js'), 'utf8');
    expect(sibling).toContain('write-outside was here');
    const manifest = JSON.parse(await readFile(path.join(project.dir, 'package.json'), 'utf8'));
    expect(manifest.fencePwned).toContain('write-outside was here');
    const tmpFile = loot?.attempts['write:tmp/fence-pwned']?.detail ?? '';
    expect(existsSync(tmpFile)).toBe(true);
  });

  it('persist-bg leaves a process that writes into HOME after its script ended', async () => {
    const loot = await readLoot(project.dir, 'persist-bg');
    expect(loot?.attempts['spawn:detached']?.ok).toBe(true);
    expect(typeof loot?.pid).toBe('number');
    expect(existsSync(path.join(project.home, 'fence-persist-proof'))).toBe(true);
    expect(loot?.attempts['survive:write-home-proof']?.ok).toBe(true);
  });

  it('name-spoof declares fetches-allowed and reaches allowed.test', async () => {
    const loot = await readLoot(project.dir, 'name-spoof');
    expect(loot?.declaredName).toBe('fetches-allowed');
    expect(loot?.attempts['net:allowed.test']?.ok).toBe(true);
  });

  it('gyp-command-expansion runs code while node-gyp configures', async () => {
    const loot = await readLoot(project.dir, 'gyp-command-expansion');
    expect(loot?.attempts['read:home/.ssh/id_rsa']?.detail).toContain(SECRET_MARKERS.sshKey);
    expect(loot?.attempts['write:home/.bashrc']?.ok).toBe(true);
  });

  it('shai-hulud-like steals, exfiltrates and plants a workflow', async () => {
    const loot = await readLoot(project.dir, 'shai-hulud-like');
    expect(succeeded(loot)).toEqual(
      expect.arrayContaining(['steal:env', 'steal:home/.npmrc', 'exfil:http', 'write:project/.github/workflows']),
    );
    expect(existsSync(path.join(project.dir, '.github', 'workflows', 'shai-hulud-like.yml'))).toBe(true);
  });
});

describe('benign fixtures work plainly', () => {
  it('benign-postinstall builds and reads its siblings', async () => {
    const built = JSON.parse(await readFile(path.join(project.dir, 'node_modules', 'benign-postinstall', 'built.txt'), 'utf8'));
    expect(built.tmpRoundTrip).toBe(true);
    expect(built.siblingsRead).toContain('native-addon');
  });

  it('native-addon builds offline against the local headers and returns 42', async () => {
    expect(findNodeDir()).toBeDefined();
    const { stdout } = await run(process.execPath, ['-e', "process.stdout.write(String(require('native-addon').answer()))"], {
      cwd: project.dir,
    });
    expect(stdout).toBe('42');
  });

  it('benign-nested runs a nested npm run', async () => {
    expect(await readFile(path.join(project.dir, 'node_modules', 'benign-nested', 'nested.txt'), 'utf8')).toBe('nested ok\n');
  });

  it('fetches-allowed and fetches-allowed-fetch download the payload', async () => {
    for (const name of ['fetches-allowed', 'fetches-allowed-fetch']) {
      expect(await readFile(path.join(project.dir, 'node_modules', name, 'fetched.txt'), 'utf8')).toBe(PAYLOAD_BODY);
    }
    expect(allowed.requests.filter((r) => r.url === '/payload').length).toBeGreaterThanOrEqual(3);
  });

  it('optional-blocked installs when ~/.bashrc is writable', async () => {
    const bashrc = await readFile(path.join(project.home, '.bashrc'), 'utf8');
    expect(bashrc.startsWith(BASHRC_CONTENT)).toBe(true);
    expect(bashrc).toContain('optional-blocked was here');
  });
});
