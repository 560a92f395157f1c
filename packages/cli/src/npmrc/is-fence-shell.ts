import { basename } from 'node:path';

/** Whether a script-shell value is one of ours (this install's, or an older fence-shell path). */
export function isFenceShell(value: string, current?: string): boolean {
  return value === current || basename(value) === 'fence-shell';
}
