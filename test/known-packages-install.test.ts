// The known-packages profile through a real `npm install` with fence-shell: a
// package installed under its own name (verified identity) reaches the host the
// profile lists for it; the same tarball under an alias, a look-alike name, or
// without the profile reaches nothing.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYLOAD_BODY, startHttpServer, type RecordingServer } from './helpers/index.js';
import { readSessionEvents, type LoggedEvent } from './helpers/session-log.js';
import type { InstallRun } from './helpers/run-package-manager.js';
import { collectScripts } from '../packages/cli/src/scripts/index.js';
import { makeTinyProject, npmInstall, packTiny, type TinyProject } from './audit-fixture-pack.test-helper.js';

// A host the profile lists for puppeteer; FENCE_TEST_HOSTS sends it to the local server.
const HOST = 'storage.googleapis.com';

// Downloads through the sandbox's proxy (the preload routes node's http) and records the outcome in its own dir.
const DOWNLOAD = `'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');
const port = fs.readFileSync(path.join(process.env.INIT_CWD, 'dl-port.txt'), 'utf8').trim();
const out = (s) => fs.writeFileSync(path.join(__dirname, 'got.txt'), s);
const req = http.get('http://${HOST}:' + port + '/payload', { timeout: 15000 }, (res) => {
  let body = '';
  res.on('data', (c) => (body += c));
  res.on('end', () => out(res.statusCode === 200 ? body : 'status ' + res.statusCode));
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', (e) => out('error ' + (e.code || e.message)));
`;

interface Run {
  project: TinyProject;
  install: InstallRun;
  events: LoggedEvent[];
}

let server: RecordingServer;
let tarballs: string;
const runs: Record<'known' | 'alias' | 'noProfile', Run | undefined> = { known: undefined, alias: undefined, noProfile: undefined };

async function run(deps: Record<string, string>, profile: boolean): Promise<Run> {
  const files: Record<string, string> = { 'dl-port.txt': `${server.port}\n` };
  if (profile) files['fence.json'] = JSON.stringify({ extends: ['known-packages'] }, null, 2) + '\n';
  const project = await makeTinyProject(deps, files);
  const install = await npmInstall(project, { FENCE_TEST_HOSTS: JSON.stringify({ [HOST]: '127.0.0.1' }) });
  return { project, install, events: await readSessionEvents(project.logDir) };
}

const got = (r: Run | undefined, name: string) => {
  const file = path.join(r!.project.dir, 'node_modules', name, 'got.txt');
  return existsSync(file) ? readFileSync(file, 'utf8') : '(no result)';
};
const refusedHosts = (r: Run | undefined, name: string) =>
  r!.events.filter((e) => e.type === 'network' && e.package === name).map((e) => `${String(e.host)}:${String(e.reason)}`);

beforeAll(async () => {
  server = await startHttpServer(0);
  tarballs = await mkdtemp(path.join(os.tmpdir(), 'fence-known-tgz-'));
  const scripts = { postinstall: 'node download.js' };
  const pptr = await packTiny(tarballs, { name: 'puppeteer', version: '22.0.0', scripts, files: { 'download.js': DOWNLOAD } });
  const lookalike = await packTiny(tarballs, { name: 'pupeteer', version: '22.0.0', scripts, files: { 'download.js': DOWNLOAD } });
  runs.known = await run({ puppeteer: pptr }, true);
  runs.alias = await run({ 'my-alias': pptr, pupeteer: lookalike }, true);
  runs.noProfile = await run({ puppeteer: pptr }, false);
}, 400_000);

afterAll(async () => {
  await server?.close();
  for (const r of Object.values(runs)) if (r) await rm(r.project.root, { recursive: true, force: true });
  if (tarballs) await rm(tarballs, { recursive: true, force: true });
});

describe('known-packages profile', () => {
  it('lets puppeteer, installed under its own name, reach its listed host', () => {
    expect(runs.known!.install.code, runs.known!.install.stderr).toBe(0);
    expect(got(runs.known, 'puppeteer')).toBe(PAYLOAD_BODY);
    expect(server.requests.some((q) => q.url.endsWith('/payload'))).toBe(true);
    expect(refusedHosts(runs.known, 'puppeteer')).toEqual([]);
  });

  it('does not apply to the same tarball under an alias, nor to a look-alike name', () => {
    expect(runs.alias!.install.code, runs.alias!.install.stderr).toBe(0);
    expect(got(runs.alias, 'my-alias')).toMatch(/^(error|status)/);
    expect(got(runs.alias, 'pupeteer')).toMatch(/^(error|status)/);
    expect(refusedHosts(runs.alias, 'my-alias')).toContain(`${HOST}:not-allowed`);
    expect(refusedHosts(runs.alias, 'pupeteer')).toContain(`${HOST}:not-allowed`);
    // The alias is caught as an identity mismatch, so no `packages` entry applies to it.
    expect(runs.alias!.events.some((e) => e.type === 'identity' && e.package === 'my-alias')).toBe(true);
  });

  it('allows nothing without the profile', () => {
    expect(runs.noProfile!.install.code, runs.noProfile!.install.stderr).toBe(0);
    expect(got(runs.noProfile, 'puppeteer')).toMatch(/^(error|status)/);
    expect(refusedHosts(runs.noProfile, 'puppeteer')).toContain(`${HOST}:not-allowed`);
  });

  it('`fence scripts` shows the known entry, and the profile hosts only where they apply', async () => {
    const known = await collectScripts(runs.known!.project.dir);
    const alias = await collectScripts(runs.alias!.project.dir);
    const plain = await collectScripts(runs.noProfile!.project.dir);
    const row = (r: typeof known, name: string) => r.packages.find((p) => p.name === name);
    expect(row(known, 'puppeteer')?.known).toEqual(['puppeteer@>=19']);
    expect(row(known, 'puppeteer')?.policy.allowedDomains).toContain(HOST);
    expect(row(alias, 'my-alias')?.policy.allowedDomains ?? []).not.toContain(HOST);
    expect(row(alias, 'pupeteer')?.known).toEqual([]);
    expect(row(alias, 'my-alias')).toMatchObject({ known: [], verified: false });
    expect(row(plain, 'puppeteer')?.policy.allowedDomains).toEqual([]);
  });
});
