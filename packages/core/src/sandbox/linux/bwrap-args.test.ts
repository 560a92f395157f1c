import { describe, expect, test } from 'vitest';
import type { SandboxPolicy } from '../../policy/types.js';
import { buildBwrapArgs } from './bwrap-args.js';
import { keepPnpNodeOptions } from '../sandbox-env.js';

const policy = (over: Partial<SandboxPolicy['filesystem']> = {}): SandboxPolicy => ({
  cwd: '/tmp/p/node_modules/x',
  projectRoot: '/tmp/p',
  identity: { name: 'x', dir: '/tmp/p/node_modules/x', kind: 'dependency', verified: true },
  filesystem: { allowWrite: ['/tmp/p/node_modules/x'], denyWrite: [], denyRead: [], allowRead: [], home: '/tmp/p/h', ...over },
  network: { allowedDomains: [], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false },
  env: { PATH: '/bin' },
  seccomp: false,
  denyUnixSockets: false,
  audit: false,
  allowWeaker: false,
});

/** The mount operations in order, as [op, path]. */
const mounts = (args: string[]) => {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--tmpfs') out.push(['tmpfs', args[i + 1]!]);
    if (args[i] === '--ro-bind') out.push(['ro', args[i + 2]!]);
    if (args[i] === '--bind') out.push(['rw', args[i + 2]!]);
    if (args[i] === '--') break;
  }
  return out;
};

describe('buildBwrapArgs', () => {
  test('every namespace, fresh /proc and /dev, clean env, command last', () => {
    const a = buildBwrapArgs(policy(), ['/bin/sh', '-c', 'true'], { socat: '/usr/bin/socat', env: { PATH: '/bin' } });
    for (const f of ['--unshare-user', '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--new-session', '--clearenv', '--disable-userns'])
      expect(a).toContain(f);
    expect(a.slice(-3)).toEqual(['/bin/sh', '-c', 'true']);
  });

  test('ancestors are mounted before what lies below them: a home inside the project stays hidden', () => {
    const m = mounts(buildBwrapArgs(policy(), ['true'], { socat: '/usr/bin/socat', env: {} }));
    const idx = (op: string, p: string) => m.findIndex(([o, q]) => o === op && q === p);
    expect(idx('tmpfs', '/tmp')).toBeLessThan(idx('ro', '/tmp/p'));
    expect(idx('ro', '/tmp/p')).toBeLessThan(idx('rw', '/tmp/p/node_modules/x'));
  });

  test('protected paths come after writable binds; hidden paths last', () => {
    const a = buildBwrapArgs(
      policy({ allowWrite: ['/tmp/p'], denyWrite: ['/tmp/p/.git'], denyRead: ['/tmp/p/.npmrc'] }),
      ['true'],
      { socat: '/usr/bin/socat', env: {} },
    );
    const m = mounts(a);
    const rw = m.findIndex(([o, p]) => o === 'rw' && p === '/tmp/p');
    const ro = m.findIndex(([o, p]) => o === 'ro' && p === '/tmp/p/.git');
    const hidden = m.findIndex(([o, p]) => o === 'ro' && p === '/tmp/p/.npmrc');
    expect(rw).toBeGreaterThanOrEqual(0);
    expect(ro).toBeGreaterThan(rw);
    expect(hidden).toBeGreaterThan(ro);
  });

  test('a cwd inside the writable project (a workspace package) is not bound read-only over it', () => {
    const p = { ...policy({ allowWrite: ['/tmp/p'] }), cwd: '/tmp/p/packages/ws' };
    const m = mounts(buildBwrapArgs(p, ['true'], { socat: '/usr/bin/socat', env: {} }));
    expect(m).toContainEqual(['rw', '/tmp/p']);
    expect(m.filter(([, q]) => q === '/tmp/p/packages/ws')).toEqual([]);
  });
});

test('only Yarn PnP loader entries of the project survive NODE_OPTIONS', () => {
  const raw = '--require /p/.pnp.cjs --experimental-loader file:///p/.pnp.loader.mjs --require /evil.js --inspect';
  expect(keepPnpNodeOptions(raw, '/p')).toEqual(['--require "/p/.pnp.cjs"', '--experimental-loader "file:///p/.pnp.loader.mjs"']);
  expect(keepPnpNodeOptions('--require /other/.pnp.cjs', '/p')).toEqual([]);
});
