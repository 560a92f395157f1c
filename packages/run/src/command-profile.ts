import { basename } from 'node:path';

/** The built-in profile a command implies: `pip install`, `python -m pip`, `cargo build`, `npm ci`, ... */
export function commandProfile(cmd: string[]): string | undefined {
  const words = cmd[0] === '/bin/sh' || cmd[0] === 'sh' ? [] : cmd;
  const [first, second, third] = words.map((w) => basename(w));
  if (!first) return undefined;
  if (/^pip[0-9.]*$/.test(first)) return 'pip';
  if (/^python[0-9.]*$/.test(first) && second === '-m' && third === 'pip') return 'pip';
  if (first === 'uv' && second === 'pip') return 'pip';
  if (first === 'cargo') return 'cargo';
  if (first === 'npm' || first === 'npx') return 'npm';
  if (first === 'pnpm' || first === 'pnpx') return 'pnpm';
  if (first === 'yarn') return 'yarn';
  return undefined;
}
