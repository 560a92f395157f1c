import { readdirSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import type { FenceEvent } from './event-types.js';
import { readEventLog } from './read-log.js';

const under = (p: string, root: string) => {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

/** True when a script of this log ran for the project (its root, or a directory inside it). */
export function logNamesProject(events: FenceEvent[], projectRoot: string): boolean {
  return events.some((e) => {
    if (e.type !== 'script') return false;
    const root = (e as { projectRoot?: unknown }).projectRoot;
    const dir = (e as { dir?: unknown }).dir;
    return root === projectRoot || (typeof dir === 'string' && under(dir, projectRoot));
  });
}

/**
 * The newest session log in `logDir` whose events name this project. Names start
 * with the ISO start time, so the name order is the time order.
 */
export function newestLogFor(projectRoot: string, logDir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(logDir).filter((n) => n.endsWith('.jsonl'));
  } catch {
    return undefined;
  }
  for (const name of names.sort().reverse()) {
    const file = join(logDir, name);
    try {
      if (logNamesProject(readEventLog(file), projectRoot)) return file;
    } catch {
      // Unreadable log: try the next one.
    }
  }
  return undefined;
}
