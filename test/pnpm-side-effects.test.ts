// pnpm's side-effects cache restores a dependency's build from the store without
// running its script. A build made outside fence (plain pnpm, same store) must not
// come back that way: with fence's `sideEffectsCache: false` the script runs again,
// inside the sandbox. The contrast case (cache left on) shows the setting matters.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adHocTarball,
  envFor,
  FENCE_SHELL,
  fenceEnv,
  fenceInit,
  makeProject,
  pnpmWorkspaceYaml,
  PNPM_BIN,
  readSessionEvents,
  runPackageManager,
  scriptStarts,
  type Project,
} from './helpers/index.js';
import { fencePnpmEnv } from '../plugins/pnpm/src/index.js';

// Records where its build ran: in a fence sandbox the planted ~/.ssh key is not there.
const RECORD_BUILD = {
  name: 'record-build',
  version: '1.0.0',
  scripts: {
    postinstall:
      `node -e "const fs=require('fs'),os=require('os');` +
      `const inside=process.env.FENCE_SANDBOX==='1'&&!fs.existsSync(os.homedir()+'/.ssh/id_rsa');` +
      `fs.writeFileSync('where.txt', inside?'inside':'outside')"`,
  },
};

let shared: string;
let store: string;
let tarball: string;
const projects: Project[] = [];

async function projectWith(yaml?: string): Promise<Project> {
  const project = await makeProject({ pm: 'pnpm', deps: {} });
  projects.push(project);
  const manifestPath = path.join(project.dir, 'package.json');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
  manifest.dependencies = { 'record-build': `file:${tarball}` };
  await writeFile(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  if (yaml !== undefined) await writeFile(path.join(project.dir, 'pnpm-workspace.yaml'), yaml);
  return project;
}

async function install(project: Project, env: NodeJS.ProcessEnv): Promise<string> {
  const run = await runPackageManager(PNPM_BIN, ['install', '--offline', '--store-dir', store], { cwd: project.dir, env });
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  return readFile(path.join(project.dir, 'node_modules', 'record-build', 'where.txt'), 'utf8');
}

beforeAll(async () => {
  shared = await mkdtemp(path.join(os.tmpdir(), 'fence-pnpm-store-'));
  store = path.join(shared, 'store');
  tarball = await adHocTarball(shared, RECORD_BUILD);
  // The cache is filled outside fence: plain pnpm, side-effects cache on (pnpm's default).
  const plain = await projectWith();
  expect(await install(plain, envFor(plain.home))).toBe('outside');
}, 120_000);

afterAll(async () => {
  for (const p of projects) await p.cleanup();
  await rm(shared, { recursive: true, force: true });
});

describe("pnpm's side-effects cache under fence", () => {
  it('with fence init pnpm, a new project sharing the store runs the build again inside the sandbox', async () => {
    const project = await projectWith();
    const logDir = path.join(project.root, 'logs');
    const env = await fenceEnv(project.home, logDir);
    await fenceInit('pnpm', project.dir, env);
    expect(await install(project, env)).toBe('inside');
    expect(scriptStarts(await readSessionEvents(logDir)).map((e) => [e.package, e.event])).toEqual([['record-build', 'postinstall']]);
  }, 120_000);

  it('without sideEffectsCache: false, the build made outside comes back and no script runs', async () => {
    const project = await projectWith(pnpmWorkspaceYaml({ sideEffectsCache: true }));
    const logDir = path.join(project.root, 'logs');
    expect(await install(project, await fenceEnv(project.home, logDir))).toBe('outside');
    expect(scriptStarts(await readSessionEvents(logDir))).toEqual([]);
  }, 120_000);

  it('wired through the environment alone (fencePnpmEnv), the build also runs again inside the sandbox', async () => {
    const project = await projectWith();
    const logDir = path.join(project.root, 'logs');
    expect(await install(project, await fenceEnv(project.home, logDir, fencePnpmEnv(FENCE_SHELL)))).toBe('inside');
    expect(scriptStarts(await readSessionEvents(logDir)).map((e) => e.package)).toEqual(['record-build']);
  }, 120_000);
});
