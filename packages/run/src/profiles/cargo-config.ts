import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Keys whose string value names where cargo downloads from. */
const URL_KEYS = new Set(['index', 'registry', 'git']);

/**
 * cargo's config files as cargo reads them: `.cargo/config.toml` (and the old
 * `.cargo/config`) in the working directory and every parent, then $CARGO_HOME's.
 */
export function cargoConfigFiles(cwd: string, cargoHome: string): string[] {
  const files: string[] = [];
  let dir = resolve(cwd);
  for (;;) {
    files.push(join(dir, '.cargo', 'config.toml'), join(dir, '.cargo', 'config'));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  files.push(join(cargoHome, 'config.toml'), join(cargoHome, 'config'));
  return [...new Set(files)];
}

/**
 * URL values of `index`, `registry` and `git` keys in a TOML text: the
 * `[registries.*]`, `[registry]` and `[source.*]` tables of a cargo config, and
 * `git = "..."` dependencies of a Cargo.toml (inline tables included). A line
 * scanner, not a TOML parser: it only has to find URLs, and a missed one only
 * means a refused connection that the user sees.
 */
export function urlsInCargoToml(text: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[{,\s])([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (const line of text.split(/\r?\n/)) {
    const code = line.replace(/^\s*#.*$/, '');
    for (const m of code.matchAll(re)) {
      if (URL_KEYS.has(m[1]!) && /^[a-z+]+:\/\/|^[\w.-]+@[\w.-]+:/.test(m[2] ?? m[3] ?? '')) out.push((m[2] ?? m[3])!);
    }
  }
  return out;
}

/** Every download URL named in cargo's config files and the project's Cargo.toml. */
export function configuredCargoUrls(cwd: string, cargoHome: string): string[] {
  const files = [...cargoConfigFiles(cwd, cargoHome), join(cwd, 'Cargo.toml')];
  return files.flatMap((f) => {
    try {
      return urlsInCargoToml(readFileSync(f, 'utf8'));
    } catch {
      return [];
    }
  });
}
