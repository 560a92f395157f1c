// fence-run and configuration: every bad config stops with exit 2, names the
// file, the field and the fix, and runs nothing; --print-policy only prints;
// a sandbox that cannot be built fails closed.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FENCE_RUN_BIN, runFence, runProcess, type RunOptions } from './helpers/run-fence.js';
import { makeRunWorld, type RunWorld } from './helpers/run-world.js';

let world: RunWorld;
let opts: RunOptions;
let ran: string;
/** The command every case tries: it leaves a file behind if it ran at all. */
const probe = () => ['sh', '-c', `touch ${JSON.stringify(ran)}`];

beforeAll(async () => {
  world = await makeRunWorld();
  opts = { cwd: world.project, env: world.env };
  ran = path.join(world.project, 'ran');
});
afterAll(async () => {
  await world?.cleanup();
});

interface BadCase {
  what: string;
  text: string;
  /** Expected in the message: position or field, and the fix. */
  expect: RegExp[];
}

const BAD: BadCase[] = [
  {
    what: 'invalid JSON (line:column)',
    text: '{\n  "network": { "allowedDomains": ["a.test"], }\n}\n',
    expect: [/fence\.json:2:\d+: /, /invalid JSON/, /Fix: .*trailing comma/],
  },
  {
    what: 'an unknown key (did you mean)',
    text: '{ "netwrok": { "allowedDomains": [] } }',
    expect: [/fence\.json:1:\d+: netwrok: unknown key/, /Did you mean "network"\?/, /Fix: /],
  },
  {
    what: 'a wrong type',
    text: '{ "network": { "allowedDomains": "a.test" } }',
    expect: [/fence\.json:1:\d+: network\.allowedDomains: expected a list, found a string/, /Fix: wrap it in a list/],
  },
  {
    what: 'an unknown profile in extends',
    text: '{ "extends": ["pipp"] }',
    expect: [/fence\.json:1:\d+: extends\[0\]: "pipp" is not a built-in profile/, /Did you mean "pip"\?/, /Fix: use one of/],
  },
  {
    what: 'a packages key that can never match',
    text: '{ "packages": { "Foo Bar": { "network": { "allowedDomains": ["a.test"] } } } }',
    expect: [/fence\.json:1:\d+: packages\["Foo Bar"\]: .*contains spaces/, /Fix: write "FooBar"/],
  },
];

describe('a bad fence.json stops fence-run before anything runs', () => {
  it.each(BAD)('$what', async (c) => {
    const file = path.join(world.project, 'fence.json');
    writeFileSync(file, c.text);
    try {
      const r = await runFence(probe(), opts);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(file);
      for (const re of c.expect) expect(r.stderr).toMatch(re);
      expect(r.stderr).toContain('Nothing was run.');
      expect(existsSync(ran)).toBe(false);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('names a bad user-level config file too', async () => {
    const dir = path.join(world.home, '.config', 'fence');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'fence.json');
    writeFileSync(file, '{ "sandbox": { "seccomp": "yes" } }');
    try {
      const r = await runFence(probe(), opts);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`${file.replace(/[.]/g, '\\.')}:1:\\d+: sandbox\\.seccomp: `));
      expect(r.stderr).toContain('Fix:');
      expect(existsSync(ran)).toBe(false);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('refuses an unknown --profile', async () => {
    const r = await runFence(['--profile', 'ruby', ...probe()], opts);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown profile "ruby".*Fix: use one of/);
    expect(existsSync(ran)).toBe(false);
  });
});

describe('--print-policy', () => {
  it('prints writable, hidden, allowed and env, and runs nothing', async () => {
    writeFileSync(path.join(world.project, 'fence.json'), '{ "network": { "allowedDomains": ["api.example.test"] } }');
    try {
      const r = await runFence(['--print-policy', '--allow-domain', 'extra.test', ...probe()], opts);
      expect(r.code).toBe(0);
      const out = r.stdout;
      expect(out).toMatch(new RegExp(`writable:\\n  ${world.project}\\n`));
      expect(out).toMatch(/hidden:\n(  .*\n)*  .*\/home\/\.ssh\n/);
      expect(out).toMatch(/network allowed \(through the proxy\):\n  api\.example\.test\n  extra\.test\n/);
      expect(out).toMatch(/environment passed:\n(  .*\n)*  PATH\n/);
      expect(out).not.toMatch(/^  (NPM_TOKEN|GITHUB_TOKEN|AWS_SECRET_ACCESS_KEY|npm_config__authToken)$/m);
      expect(existsSync(ran)).toBe(false);
    } finally {
      rmSync(path.join(world.project, 'fence.json'), { force: true });
    }
  });
});

describe('fails closed when the sandbox cannot be built', () => {
  // An outer bubblewrap changes what fence-run sees, without root and without touching the host.
  const underOuterBwrap = (extra: string[]) =>
    runProcess('/usr/bin/bwrap', ['--unshare-user', '--dev-bind', '/', '/', ...extra, '--', process.execPath, FENCE_RUN_BIN, ...probe()], opts);

  it('without bubblewrap: exit 126, says how to install it, runs nothing', async () => {
    // /bin is /usr/bin on merged-usr systems; /dev/null stands in for the binary and is not executable.
    const r = await underOuterBwrap(['--ro-bind', '/dev/null', '/usr/bin/bwrap']);
    expect(r.code).toBe(126);
    expect(r.stderr).toContain('bubblewrap is not installed');
    expect(r.stderr).toContain('NOT run');
    expect(r.stderr).toMatch(/Fix: .*install.* bubblewrap/);
    expect(existsSync(ran)).toBe(false);
  });

  it('without user namespaces: exit 126, says why, runs nothing', async () => {
    const r = await underOuterBwrap(['--disable-userns']);
    expect(r.code).toBe(126);
    expect(r.stderr).toMatch(/cannot build the sandbox: .*namespace/);
    expect(r.stderr).toContain('NOT run');
    expect(r.stderr).toContain('Fix: ');
    expect(existsSync(ran)).toBe(false);
  });
});
