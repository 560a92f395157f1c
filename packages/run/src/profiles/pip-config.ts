import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';

const URL_KEYS = new Set(['index-url', 'extra-index-url', 'find-links']);

/** pip's config files in the order pip reads them (global, user, site, then PIP_CONFIG_FILE). */
export function pipConfigFiles(env: NodeJS.ProcessEnv, home: string, venv: string | undefined): string[] {
  const xdgDirs = (env.XDG_CONFIG_DIRS || '/etc/xdg').split(':').filter(isAbsolute);
  const xdgHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(home, '.config');
  return [
    ...xdgDirs.map((d) => join(d, 'pip', 'pip.conf')),
    '/etc/pip.conf',
    join(home, '.pip', 'pip.conf'),
    join(xdgHome, 'pip', 'pip.conf'),
    ...(venv ? [join(venv, 'pip.conf')] : []),
    ...(env.PIP_CONFIG_FILE && env.PIP_CONFIG_FILE !== 'os.devnull' ? [env.PIP_CONFIG_FILE] : []),
  ];
}

/** Values of index-url / extra-index-url / find-links in an INI text, any section, continuation lines included. */
export function urlsInPipConf(text: string): string[] {
  const out: string[] = [];
  let inUrlKey = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*([#;]|$)/.test(line)) continue;
    if (/^\s/.test(line)) {
      if (inUrlKey) out.push(...line.trim().split(/\s+/));
      continue;
    }
    const m = /^([\w-]+)\s*[=:]\s*(.*)$/.exec(line);
    inUrlKey = !!m && URL_KEYS.has(m[1]!.toLowerCase());
    if (m && inUrlKey && m[2]!.trim()) out.push(...m[2]!.trim().split(/\s+/));
  }
  return out;
}

/** Every index URL pip is configured with, outside its command line. */
export function configuredPipUrls(env: NodeJS.ProcessEnv, home: string, venv: string | undefined): string[] {
  const fromEnv = ['PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_FIND_LINKS'].flatMap((k) => (env[k] ?? '').split(/\s+/).filter(Boolean));
  const fromFiles = pipConfigFiles(env, home, venv).flatMap((f) => {
    try {
      return urlsInPipConf(readFileSync(f, 'utf8'));
    } catch {
      return [];
    }
  });
  return [...fromEnv, ...fromFiles];
}
