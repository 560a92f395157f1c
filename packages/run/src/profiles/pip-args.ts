import { basename } from 'node:path';

/** What pip's own command line says about where it downloads from and installs to. */
export interface PipArgs {
  indexUrls: string[];
  target?: string;
  prefix?: string;
  root?: string;
  user: boolean;
}

const VALUE_OPTS: Record<string, keyof Omit<PipArgs, 'user'> | 'index'> = {
  '--index-url': 'index',
  '-i': 'index',
  '--extra-index-url': 'index',
  '--find-links': 'index',
  '-f': 'index',
  '--target': 'target',
  '-t': 'target',
  '--prefix': 'prefix',
  '--root': 'root',
};

/** Index of the first word after pip itself (`pip`, `pip3.11`, `python -m pip`, `uv pip`), or -1. */
export function pipArgsStart(cmd: string[]): number {
  for (let i = 0; i < cmd.length; i++) {
    const w = basename(cmd[i]!);
    if (/^pip[0-9.]*$/.test(w)) return i + 1;
    if (w === '-m' && cmd[i + 1] === 'pip') return i + 2;
    if (w === 'uv' && cmd[i + 1] === 'pip') return i + 2;
  }
  return -1;
}

/** Reads the options that matter for the sandbox; everything else is pip's business. */
export function parsePipArgs(cmd: string[]): PipArgs {
  const out: PipArgs = { indexUrls: [], user: false };
  const start = pipArgsStart(cmd);
  if (start < 0) return out;
  const set = (key: keyof Omit<PipArgs, 'user'> | 'index', value: string) => {
    if (key === 'index') out.indexUrls.push(value);
    else if (key !== 'indexUrls') out[key] = value;
  };
  for (let i = start; i < cmd.length; i++) {
    const w = cmd[i]!;
    if (w === '--') break;
    if (w === '--user') out.user = true;
    const eq = w.indexOf('=');
    if (w.startsWith('--') && eq > 0 && VALUE_OPTS[w.slice(0, eq)]) {
      set(VALUE_OPTS[w.slice(0, eq)]!, w.slice(eq + 1));
    } else if (VALUE_OPTS[w] && i + 1 < cmd.length) {
      set(VALUE_OPTS[w]!, cmd[++i]!);
    } else if (/^-[itf]./.test(w)) {
      // Short option glued to its value: -ihttp://..., -t./dir
      set(VALUE_OPTS[w.slice(0, 2)]!, w.slice(2));
    }
  }
  return out;
}
