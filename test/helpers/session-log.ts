// Reads the JSONL session logs a broker wrote into a test's FENCE_LOG_DIR.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** One log line, loosely typed: tests look at a few fields of each kind. */
export interface LoggedEvent {
  time: string;
  session: string;
  type: 'network' | 'script' | 'file' | 'identity' | 'warning';
  package?: string;
  version?: string;
  event?: string;
  [field: string]: unknown;
}

/** Every event of every log in `logDir`, file by file (empty when nothing was logged). */
export async function readSessionEvents(logDir: string): Promise<LoggedEvent[]> {
  const files = (await readdir(logDir).catch(() => [] as string[])).filter((f) => f.endsWith('.jsonl')).sort();
  const events: LoggedEvent[] = [];
  for (const file of files) {
    const text = await readFile(path.join(logDir, file), 'utf8');
    for (const line of text.split('\n')) if (line.trim()) events.push(JSON.parse(line) as LoggedEvent);
  }
  return events;
}

/** `script` start events, the scripts the broker sandboxed. */
export function scriptStarts(events: LoggedEvent[]): LoggedEvent[] {
  return events.filter((e) => e.type === 'script' && e.phase === 'start');
}
