const WITH_VALUE = new Set(['--settings', '--allow-write', '--allow-domain', '--profile', '-c']);

/**
 * fence-run's own options end at the first word that is not one of them: like
 * `env` or `sudo`, everything after belongs to the command (`fence-run ls -la`).
 * Returns the argv with a `--` inserted there, which clipanion understands.
 */
export function splitArgv(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return [...out, ...argv.slice(i)];
    if (!a.startsWith('-') || a === '-') return [...out, '--', ...argv.slice(i)];
    out.push(a);
    if (WITH_VALUE.has(a) && i + 1 < argv.length) out.push(argv[++i]!);
  }
  return out;
}
