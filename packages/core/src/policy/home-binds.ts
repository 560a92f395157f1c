import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { HOME_SECRETS } from './always-protected.js';

/** Toolchain and build-cache directories under $HOME that builds read. */
const KNOWN = [
  '.nvm', '.volta', '.fnm', '.local/share/fnm', '.asdf', '.local/share/mise', '.pyenv', '.rustup', '.cargo/bin',
  '.cargo/env', '.bun/bin', '.deno/bin', '.node-gyp', '.cache/node-gyp', '.local/share/pnpm', '.sdkman', 'go/bin',
  '.local/lib', '.local/share/virtualenvs', '.cache/ms-playwright',
];

function within(child: string, parent: string): boolean {
  const r = relative(parent, child);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
}

function isSecretPath(home: string, p: string): boolean {
  return HOME_SECRETS.some((s) => within(p, join(home, s)) || within(join(home, s), p));
}

/**
 * Read-only binds that bring back, inside the empty stand-in home, what builds
 * need: known toolchain dirs, the top directory of every PATH entry under home,
 * and the Node prefix when it lives under home. Discovered per machine.
 */
const memo = new Map<string, string[]>();

export function discoverHomeBinds(home: string, env: NodeJS.ProcessEnv, extraRoots: string[] = []): string[] {
  if (!home || home === '/') return [];
  // A session's scripts share home and PATH: discover once (the broker is long-lived but a session is short).
  const key = `${home}\0${env.PATH ?? ''}\0${extraRoots.join('\0')}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const found = discover(home, env, extraRoots);
  memo.set(key, found);
  return found;
}

function discover(home: string, env: NodeJS.ProcessEnv, extraRoots: string[]): string[] {
  const out = new Set<string>();
  const add = (p: string) => {
    if (!within(p, home) || p === home || isSecretPath(home, p) || !existsSync(p)) return;
    out.add(p);
  };
  for (const k of KNOWN) add(join(home, k));
  const topUnderHome = (p: string) => {
    const rel = relative(home, p);
    if (rel.startsWith('..') || rel === '') return undefined;
    const parts = rel.split(sep);
    // ~/.local/bin -> ~/.local/bin, ~/.nvm/versions/.. -> ~/.nvm
    return join(home, ...parts.slice(0, parts[0] === '.local' || parts[0] === '.cargo' ? 2 : 1));
  };
  for (const entry of (env.PATH ?? '').split(':')) {
    if (!entry) continue;
    const top = topUnderHome(entry);
    if (top) add(top);
  }
  for (const root of [dirname(dirname(process.execPath)), ...extraRoots]) {
    let real = root;
    try {
      real = realpathSync(root);
    } catch {
      /* keep as is */
    }
    const top = topUnderHome(real);
    if (top) add(top);
  }
  return [...out];
}
