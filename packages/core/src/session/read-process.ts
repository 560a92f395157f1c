import { readFileSync, readlinkSync } from 'node:fs';

export interface ProcessFacts {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
}

/**
 * The script-shell's own argv, environment and cwd, read from /proc: the fast
 * path sends only its pid, so nothing needs quoting or escaping on the way.
 * The broker runs as the same user, outside any sandbox.
 */
export function readProcess(pid: number): ProcessFacts {
  const split = (s: string) => s.split('\0').slice(0, -1);
  const argv = split(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  const env: Record<string, string> = {};
  for (const kv of split(readFileSync(`/proc/${pid}/environ`, 'utf8'))) {
    const eq = kv.indexOf('=');
    if (eq > 0) env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return { argv, env, cwd: readlinkSync(`/proc/${pid}/cwd`) };
}

/** Drops the interpreter and script path of `/bin/sh /path/fence-shell -c SCRIPT ...`. */
export function shellArgs(argv: string[], shellPath: string): string[] {
  const i = argv.findIndex((a) => a === shellPath || a.endsWith('/fence-shell'));
  return i >= 0 ? argv.slice(i + 1) : argv.slice(1);
}
