// fence-run's cargo profile, offline: a build.rs attack builds without its
// effects, a benign crate builds and its binary runs, credentials stay hidden.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASHRC_CONTENT, FIXTURES_DIR, SECRET_MARKERS, startHttpServer, type RecordingServer } from './helpers/index.js';
import { findCargo, type CargoTool } from './helpers/run-cargo.js';
import { runFence, runProcess, type RunOptions } from './helpers/run-fence.js';
import { readFixtureLoot, worked } from './helpers/run-loot.js';
import { makeRunWorld, type RunWorld } from './helpers/run-world.js';

const CARGO_FIXTURES = path.join(FIXTURES_DIR, 'cargo');
const ATTACKS = ['write:home/.bashrc', 'read:home/.ssh/id_rsa', 'env:NPM_TOKEN', 'net:direct-tcp'];
const CREDENTIALS_MARKER = 'FENCE-MARKER-cargo-credentials-2b7f64';

const found = await findCargo();
const tool: CargoTool | undefined = 'skip' in found ? undefined : found;
const skipReason = 'skip' in found ? found.skip : '';

let world: RunWorld;
let exfil: RecordingServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  world = await makeRunWorld();
  exfil = await startHttpServer(0);
  const cargoHome = path.join(world.home, '.cargo');
  mkdirSync(cargoHome, { recursive: true });
  writeFileSync(path.join(cargoHome, 'credentials.toml'), `[registry]\ntoken = "${CREDENTIALS_MARKER}"\n`);
  env = {
    ...world.env,
    ...tool?.env,
    CARGO_HOME: cargoHome,
    CARGO_TERM_COLOR: 'never',
    PATH: tool ? `${path.dirname(tool.cargo)}:${world.env.PATH}` : world.env.PATH,
    FENCE_TEST_HOSTS: JSON.stringify({ 'exfil.test': '127.0.0.1' }),
  };
});
afterAll(async () => {
  await exfil?.close();
  await world?.cleanup();
});

async function copyCrate(name: string, as: string): Promise<RunOptions> {
  const dir = path.join(world.project, as);
  await cp(path.join(CARGO_FIXTURES, name), dir, { recursive: true });
  writeFileSync(path.join(dir, 'fence-target.txt'), `${exfil.port}\n`);
  return { cwd: dir, env, timeoutMs: 240_000 };
}

describe('the cargo profile policy', () => {
  it('allows the crates.io hosts, writes ./target and the caches, hides credentials', async () => {
    const opts = await copyCrate('benign-crate', 'policy-only');
    const r = await runFence(['--print-policy', 'cargo', 'build', '--offline'], opts);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('profile: cargo');
    expect(r.stdout).toMatch(/network allowed \(through the proxy\):\n  crates\.io\n  index\.crates\.io\n  static\.crates\.io\n/);
    expect(r.stdout).toContain(`  ${path.join(opts.cwd, 'target')}\n`);
    expect(r.stdout).toMatch(new RegExp(`hidden:\\n(  .*\\n)*  ${path.join(world.home, '.cargo', 'credentials.toml').replace(/\./g, '\\.')}\\n`));
  });

  it('names registries from .cargo/config.toml', async () => {
    const opts = await copyCrate('benign-crate', 'with-registry');
    mkdirSync(path.join(opts.cwd, '.cargo'));
    writeFileSync(
      path.join(opts.cwd, '.cargo', 'config.toml'),
      '[registries.internal]\nindex = "sparse+https://cargo.internal.test/index/"\n\n[source.vendored]\ngit = "https://git.internal.test/vendor.git"\n',
    );
    const r = await runFence(['--print-policy', 'cargo', 'fetch'], opts);
    expect(r.stdout).toMatch(/network allowed \(through the proxy\):\n(  .*\n)*  cargo\.internal\.test\n  git\.internal\.test\n/);
  });

  it('hides $CARGO_HOME/credentials.toml even where everything else is readable', async () => {
    // A CARGO_HOME inside the working directory: visible and writable, except the credentials.
    const opts = await copyCrate('benign-crate', 'read-creds');
    const cargoHome = path.join(opts.cwd, 'cargo-home');
    mkdirSync(cargoHome);
    writeFileSync(path.join(cargoHome, 'credentials.toml'), `[registry]\ntoken = "${CREDENTIALS_MARKER}"\n`);
    const o = { ...opts, env: { ...opts.env, CARGO_HOME: cargoHome } };
    const script = 'cat "$CARGO_HOME/credentials.toml"; true';
    expect((await runProcess('/bin/sh', ['-c', script], o)).stdout).toContain(CREDENTIALS_MARKER);
    const r = await runFence(['--profile', 'cargo', 'sh', '-c', script], o);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain(CREDENTIALS_MARKER);
  });
});

describe.skipIf(!tool)(`fence-run cargo build${tool ? '' : ` (skipped: ${skipReason})`}`, () => {
  it('the build.rs attack works when cargo runs plainly', async () => {
    const opts = await copyCrate('evil-build', 'evil-plain');
    const r = await runProcess(tool!.cargo, ['build', '--offline'], opts);
    expect(r.code, r.stderr).toBe(0);
    const loot = await readFixtureLoot(opts.cwd);
    expect(worked(loot)).toEqual(expect.arrayContaining(ATTACKS));
    expect(loot?.['read:home/.ssh/id_rsa']?.detail).toContain(SECRET_MARKERS.sshKey);
    expect(readFileSync(path.join(world.home, '.bashrc'), 'utf8')).toContain('evil-build was here');
    expect(exfil.requests.some((q) => q.url === '/direct')).toBe(true);
    writeFileSync(path.join(world.home, '.bashrc'), BASHRC_CONTENT);
    exfil.requests.length = 0;
  });

  it('under fence-run the build.rs attack is refused', async () => {
    const opts = await copyCrate('evil-build', 'evil-fenced');
    const r = await runFence(['cargo', 'build', '--offline'], opts);
    expect(r.code, r.stderr).toBe(0);
    const loot = await readFixtureLoot(opts.cwd);
    expect(loot, 'build.rs ran and recorded its attempts').toBeDefined();
    expect(worked(loot)).toEqual([]);
    expect(loot?.['net:proxy-exfil.test']?.detail).toContain('403');
    expect(readFileSync(path.join(world.home, '.bashrc'), 'utf8')).toBe(BASHRC_CONTENT);
    expect(exfil.requests).toEqual([]);
  });

  it('builds a benign crate and its binary runs', async () => {
    const opts = await copyCrate('benign-crate', 'benign');
    const b = await runFence(['cargo', 'build', '--offline'], opts);
    expect(b.code, b.stderr).toBe(0);
    expect(existsSync(path.join(opts.cwd, 'target', 'debug', 'benign-crate'))).toBe(true);
    const r = await runFence(['./target/debug/benign-crate', 'hello', 'from fence'], opts);
    expect(r.stdout).toBe('benign-crate says hello from fence\n');
    expect(r.code).toBe(0);
  });
});
