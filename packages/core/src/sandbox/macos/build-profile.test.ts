import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SandboxPolicy } from '../../policy/types.js';
import { buildSeatbeltProfile, type SeatbeltOptions } from './build-profile.js';

/**
 * Golden profiles: regenerate with FENCE_UPDATE_GOLDEN=1 and review the diff.
 * Semantic checks below make sure the goldens say what they should.
 */

const HOME = '/Users/alice';
const PROJ = `${HOME}/proj`;
const PKG = `${PROJ}/node_modules/esbuild`;
const OPTS: SeatbeltOptions = { proxyPort: 41234, tmpDir: '/var/folders/xy/T/fence-tmp-1' };

function policy(over: {
  kind?: SandboxPolicy['identity']['kind'];
  cwd?: string;
  projectRoot?: string;
  filesystem?: Partial<SandboxPolicy['filesystem']>;
  network?: Partial<SandboxPolicy['network']>;
  denyUnixSockets?: boolean;
}): SandboxPolicy {
  const cwd = over.cwd ?? PKG;
  return {
    cwd,
    projectRoot: over.projectRoot ?? PROJ,
    identity: { name: 'esbuild', version: '0.25.0', event: 'postinstall', dir: cwd, kind: over.kind ?? 'dependency', verified: true },
    filesystem: { allowWrite: [cwd], denyWrite: [], denyRead: [], allowRead: [], home: HOME, ...over.filesystem },
    network: {
      allowedDomains: [], deniedDomains: [], allowLocalOutbound: false, allowLocalBinding: false, ...over.network,
    },
    env: {},
    seccomp: true,
    denyUnixSockets: over.denyUnixSockets ?? true,
    audit: false,
    allowWeaker: false,
  };
}

const ODD = `${HOME}/My "Quoted" Dir/it's [1] \\back`;

const CASES: Record<string, { policy: SandboxPolicy; opts?: SeatbeltOptions }> = {
  'dependency-defaults': {
    policy: policy({
      filesystem: {
        denyWrite: [`${HOME}/.bashrc`, `${HOME}/.npm`, `${PROJ}/.git`, `${PROJ}/.npmrc`],
        denyRead: [`${HOME}/.ssh`, `${HOME}/.npmrc`, `${PROJ}/.env`, `${PROJ}/.npmrc`],
        allowRead: [`${HOME}/.nvm`, `${HOME}/.cache/node-gyp`],
      },
    }),
  },
  'deny-write-under-allow-write': {
    policy: policy({
      kind: 'project',
      cwd: PROJ,
      filesystem: {
        allowWrite: [PROJ, `${HOME}/.cache/build`],
        denyWrite: [`${PROJ}/.git/hooks`, `${PROJ}/.git/config`, `${PROJ}/.husky`, `${PROJ}/fence.json`, `${HOME}/.cache/build/lock`],
      },
    }),
  },
  'local-network-and-unix-sockets': {
    policy: policy({ network: { allowLocalOutbound: true, allowLocalBinding: true }, denyUnixSockets: false }),
  },
  'odd-paths': {
    policy: policy({
      cwd: ODD,
      projectRoot: ODD,
      kind: 'command',
      filesystem: { allowWrite: [ODD], denyWrite: [`${ODD}/.git/hooks`], denyRead: [`${ODD}/.env "prod"`] },
    }),
    opts: { proxyPort: 8080, tmpDir: '/tmp/fence tmp "2"' },
  },
  globs: {
    policy: policy({
      kind: 'project',
      cwd: PROJ,
      filesystem: {
        allowWrite: [PROJ, '/tmp/build-?/out'],
        denyRead: [`${PROJ}/**/.env*`, `${PROJ}/secrets/*.pem`],
        denyWrite: [`${PROJ}/{.github,.gitlab}/**`],
      },
    }),
  },
  'no-home-private-paths': {
    policy: policy({
      cwd: '/tmp/work/pkg',
      projectRoot: '/tmp/work',
      filesystem: { home: '/', allowWrite: ['/tmp/work/pkg/'], denyWrite: ['/tmp/work/pkg/.git'], denyRead: ['/etc/secret.conf'] },
    }),
    opts: { proxyPort: 3128, tmpDir: '/tmp/fence-3' },
  },
};

const goldenPath = (name: string) => fileURLToPath(new URL(`./golden/${name}.sb`, import.meta.url));

describe('Seatbelt profile goldens', () => {
  for (const [name, { policy: p, opts }] of Object.entries(CASES)) {
    it(name, () => {
      const profile = buildSeatbeltProfile(p, opts ?? OPTS);
      const file = goldenPath(name);
      if (process.env.FENCE_UPDATE_GOLDEN === '1') writeFileSync(file, profile);
      expect(existsSync(file), `missing golden ${file}; run with FENCE_UPDATE_GOLDEN=1`).toBe(true);
      expect(profile).toBe(readFileSync(file, 'utf8'));
    });
  }
});

/** A minimal SBPL reader: balanced parentheses and every string literal decoded. */
function readSbpl(text: string): { strings: string[]; depthOk: boolean } {
  const strings: string[] = [];
  let depth = 0;
  let depthOk = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth < 0) depthOk = false;
    } else if (c === '"') {
      let s = '';
      for (i++; text[i] !== '"'; i++) {
        if (i >= text.length) throw new Error('unterminated string');
        if (text[i] === '\\') i++;
        s += text[i];
      }
      strings.push(s);
    }
  }
  return { strings, depthOk: depthOk && depth === 0 };
}

/** Index of the first line at or after `from` that contains `needle`. */
const lineOf = (profile: string, needle: string, from = 0) => profile.split('\n').findIndex((l, i) => i >= from && l.includes(needle));

describe('Seatbelt profile semantics', () => {
  it('starts deny-by-default and allows only the proxy port outbound by default', () => {
    const profile = buildSeatbeltProfile(CASES['dependency-defaults']!.policy, OPTS);
    expect(profile.startsWith('(version 1)\n')).toBe(true);
    expect(profile).toContain('(deny default)');
    expect(profile).toContain('(allow network-outbound (remote ip "localhost:41234"))');
    expect(profile).not.toContain('network-bind');
    expect(profile).not.toContain('unix-socket');
    expect(profile).not.toContain('"localhost:*"');
  });

  it('puts denyWrite after allowWrite and denyRead after the re-opened home paths', () => {
    const profile = buildSeatbeltProfile(CASES['deny-write-under-allow-write']!.policy, OPTS);
    const allowWrite = lineOf(profile, '(allow file-write*');
    const denyWrite = lineOf(profile, '(deny file-write*');
    expect(allowWrite).toBeGreaterThan(0);
    expect(denyWrite).toBeGreaterThan(allowWrite);
    expect(lineOf(profile, `(subpath "${PROJ}/.git/hooks")`, denyWrite)).toBeGreaterThan(denyWrite);
    // The parents of .git/hooks inside the writable project cannot be renamed away.
    const parents = lineOf(profile, '(deny file-write-unlink file-write-create');
    expect(parents).toBeGreaterThan(denyWrite);
    expect(lineOf(profile, `(literal "${PROJ}/.git")`, parents)).toBeGreaterThan(parents);

    const deps = buildSeatbeltProfile(CASES['dependency-defaults']!.policy, OPTS);
    const reopen = lineOf(deps, '(allow file-read* file-test-existence', lineOf(deps, '(deny file-read*') + 1);
    const denyRead = lineOf(deps, `(subpath "${HOME}/.ssh")`);
    expect(reopen).toBeGreaterThan(0);
    expect(denyRead).toBeGreaterThan(reopen);
  });

  it('quotes odd paths so they read back exactly', () => {
    const profile = buildSeatbeltProfile(CASES['odd-paths']!.policy, CASES['odd-paths']!.opts!);
    const { strings, depthOk } = readSbpl(profile);
    expect(depthOk).toBe(true);
    expect(strings).toContain(ODD);
    expect(strings).toContain(`${ODD}/.env "prod"`);
    expect(strings).toContain('/private/tmp/fence tmp "2"');
  });

  it('every golden is a balanced profile', () => {
    for (const { policy: p, opts } of Object.values(CASES)) {
      expect(readSbpl(buildSeatbeltProfile(p, opts ?? OPTS)).depthOk).toBe(true);
    }
  });

  it('turns glob paths into anchored regexes', () => {
    const profile = buildSeatbeltProfile(CASES.globs!.policy, OPTS);
    const regexes = readSbpl(profile).strings.filter((s) => s.startsWith('^'));
    const env = regexes.find((r) => r.includes('env'))!;
    expect(new RegExp(env).test(`${PROJ}/a/.env.local`)).toBe(true);
    expect(new RegExp(env).test(`${PROJ}/a/env`)).toBe(false);
    expect(regexes.some((r) => new RegExp(r).test('/private/tmp/build-1/out/x.o'))).toBe(true);
  });

  it('refuses relative paths, control characters and bad ports', () => {
    expect(() => buildSeatbeltProfile(policy({ filesystem: { denyRead: ['rel/path'] } }), OPTS)).toThrow(/absolute/);
    expect(() => buildSeatbeltProfile(policy({ filesystem: { denyRead: ['/a\nb'] } }), OPTS)).toThrow(/control/);
    expect(() => buildSeatbeltProfile(policy({}), { ...OPTS, proxyPort: 0 })).toThrow(/port/);
  });
});
