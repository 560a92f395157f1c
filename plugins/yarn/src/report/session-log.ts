import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { defaultLogDir, type FenceEvent } from '@fence/core';

/** The events of one session log; unreadable files and broken lines are skipped. */
export function readLogEvents(file: string): FenceEvent[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: FenceEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as FenceEvent);
    } catch {
      // A line cut short by a crash: the rest of the log still counts.
    }
  }
  return out;
}

const within = (dir: unknown, root: string) => typeof dir === 'string' && (dir === root || dir.startsWith(root + sep));

/**
 * The newest session log that ran scripts of this project (their `dir` lies in it). Logs are
 * named by start time, so the name order is the time order.
 */
export function newestProjectLog(projectRoot: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dir = defaultLogDir(env);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.jsonl'));
  } catch {
    return undefined;
  }
  const files = names.map((n) => join(dir, n)).filter((f) => statSync(f, { throwIfNoEntry: false })?.isFile());
  for (const file of files.sort().reverse()) {
    if (readLogEvents(file).some((e) => e.type === 'script' && within(e.dir, projectRoot))) return file;
  }
  return undefined;
}
