import { readFileSync } from 'node:fs';
import type { FenceEvent } from './event-types.js';

/** The events of one session log; lines that are not JSON objects with a type are skipped. */
export function readEventLog(file: string): FenceEvent[] {
  const out: FenceEvent[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const ev: unknown = JSON.parse(line);
      if (ev && typeof ev === 'object' && typeof (ev as { type?: unknown }).type === 'string') out.push(ev as FenceEvent);
    } catch {
      // A torn last line (a crash mid-write) must not hide the rest.
    }
  }
  return out;
}
