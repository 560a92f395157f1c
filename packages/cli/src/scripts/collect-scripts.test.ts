import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp-dir.js';
import { collectScripts } from './collect-scripts.js';
import { renderScripts } from './render-table.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const tgz = (name: string) => `file:${join(repo, 'fixtures/tarballs', `${name}-1.0.0.tgz`)}`;

let dir: string;
let project: string;
let cleanup: () => void;

beforeAll(() => {
  ({ dir, cleanup } = tempDir('scripts'));
  project = join(dir, 'project');
  mkdirSync(project);
  mkdirSync(join(dir, 'home'));
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({
      name: 'project',
      version: '1.0.0',
      dependencies: {
        'benign-postinstall': tgz('benign-postinstall'),
        'native-addon': tgz('native-addon'),
        'shai-hulud-like': tgz('shai-hulud-like'),
        'name-spoof': tgz('name-spoof'),
        'bench-pkg-01': tgz('bench-pkg-01'),
      },
      // npm matches local tarballs by their exact spec.
      allowScripts: { [tgz('benign-postinstall')]: true, [tgz('shai-hulud-like')]: false },
      dependenciesMeta: { 'native-addon': { built: true } },
    }),
  );
  writeFileSync(join(project, 'fence.json'), JSON.stringify({ packages: { 'benign-*': { network: { allowedDomains: ['allowed.test'] } } } }));
  const env = { ...process.env, HOME: join(dir, 'home'), npm_config_cache: join(dir, 'cache'), npm_config_userconfig: join(dir, 'none') };
  const r = spawnSync('npm', ['install', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: project, env, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`npm install failed: ${r.stdout}${r.stderr}`);
}, 240_000);
afterAll(() => cleanup?.());

describe('fence scripts on a real npm project', () => {
  it('lists each package with install scripts, its events, approvals and policy', async () => {
    const report = await collectScripts(project, { ...process.env, HOME: join(dir, 'home') });
    expect(report.manager).toBe('npm');
    const by = Object.fromEntries(report.packages.map((p) => [p.name, p]));
    expect(Object.keys(by).sort()).toEqual(['bench-pkg-01', 'benign-postinstall', 'name-spoof', 'native-addon', 'shai-hulud-like']);
    expect(by['native-addon']!.events).toEqual([{ event: 'install', command: 'node-gyp rebuild', implicit: true }]);
    expect(by['shai-hulud-like']!.events.map((e) => e.event)).toEqual(['preinstall']);
    expect(by['benign-postinstall']!.events).toEqual([{ event: 'postinstall', command: 'node build.js' }]);
    expect(by['benign-postinstall']!.approval.npm).toBe(true);
    expect(by['shai-hulud-like']!.approval.npm).toBe(false);
    expect(by['bench-pkg-01']!.approval.npm).toBeNull();
    expect(by['native-addon']!.approval.yarn).toBe(true);
    // The alias installs a package that calls itself fetches-allowed: not verified, so only defaults apply.
    expect(by['name-spoof']).toMatchObject({ verified: false, location: 'node_modules/name-spoof' });
    expect(by['benign-postinstall']!.policy).toEqual({ allowWrite: [join(project, 'node_modules/benign-postinstall')], allowedDomains: ['allowed.test'] });
    expect(by['shai-hulud-like']!.policy.allowedDomains).toEqual([]);
    expect(report.configSources).toEqual([join(project, 'fence.json')]);
  });

  it('falls back to the lockfile when node_modules is absent', async () => {
    const { renameSync } = await import('node:fs');
    renameSync(join(project, 'node_modules'), join(dir, 'nm-aside'));
    try {
      const report = await collectScripts(project, { ...process.env, HOME: join(dir, 'home') });
      expect(report.packages.map((p) => p.name).sort()).toEqual(['bench-pkg-01', 'benign-postinstall', 'name-spoof', 'native-addon', 'shai-hulud-like']);
    } finally {
      renameSync(join(dir, 'nm-aside'), join(project, 'node_modules'));
    }
  });

  it('renders a table naming the implicit gyp build and the name mismatch', async () => {
    const text = renderScripts(await collectScripts(project, { ...process.env, HOME: join(dir, 'home') }));
    expect(text).toMatch(/native-addon@1\.0\.0 +node_modules\/native-addon +install\(gyp\)/);
    expect(text).toContain('name-spoof@1.0.0 (name mismatch)');
    expect(text).toContain('native-addon install: node-gyp rebuild  (implicit: binding.gyp)');
  });
});
