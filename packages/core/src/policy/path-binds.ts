import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';

const MASKED = ['/tmp', '/var/tmp', '/run', '/dev/shm'];
const under = (p: string, root: string) => {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/**
 * PATH entries that the sandbox's private /tmp and /run would hide (a package
 * manager's own bin dirs, a CI tool cache): the commands a script calls by name
 * must still be found. Entries under home are handled by the home binds.
 */
const memo = new Map<string, string[]>();

export function pathEntriesToKeep(envPath: string | undefined, home: string): string[] {
  // Every script of an install has the same PATH: look at the disk once.
  const key = `${envPath ?? ''}\0${home}`;
  let hit = memo.get(key);
  if (!hit) memo.set(key, (hit = findEntries(envPath, home)));
  return hit;
}

function findEntries(envPath: string | undefined, home: string): string[] {
  const out = new Set<string>();
  for (const entry of (envPath ?? '').split(':')) {
    if (!isAbsolute(entry) || !existsSync(entry) || (home && under(entry, home))) continue;
    let real = entry;
    try {
      real = realpathSync(entry);
    } catch {
      continue;
    }
    for (const p of new Set([entry, real])) if (MASKED.some((m) => under(p, m) && p !== m)) out.add(p);
  }
  return [...out];
}
