import { appendFileSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import type { FenceEvent, NewEvent } from './event-types.js';

/** `$FENCE_LOG_DIR`, else `$XDG_STATE_HOME/fence/logs`, else `~/.local/state/fence/logs`. */
export function defaultLogDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FENCE_LOG_DIR) return env.FENCE_LOG_DIR;
  if (env.XDG_STATE_HOME) return path.join(env.XDG_STATE_HOME, 'fence', 'logs');
  return path.join(env.HOME || homedir(), '.local', 'state', 'fence', 'logs');
}

/** File name for a session log; colons are left out of the ISO time so the name is portable. */
export function logFileName(start: Date, ownerPid: number): string {
  return `${start.toISOString().replace(/:/g, '-')}-${ownerPid}.jsonl`;
}

export interface EventLog {
  readonly path: string;
  readonly session: string;
  /** Stamps, appends and returns the event. Never throws: a full disk must not fail an install. */
  write(ev: NewEvent): FenceEvent;
}

export interface EventLogOptions {
  session: string;
  ownerPid: number;
  logDir?: string;
  env?: NodeJS.ProcessEnv;
  start?: Date;
  /** Called with each stamped event (the live `-m` monitor). */
  onEvent?: (ev: FenceEvent) => void;
}

/** The log file is created on the first event, so clean installs leave no empty files. */
export function openEventLog(options: EventLogOptions): EventLog {
  const dir = options.logDir ?? defaultLogDir(options.env);
  const file = path.join(dir, logFileName(options.start ?? new Date(), options.ownerPid));
  let dirReady = false;
  return {
    path: file,
    session: options.session,
    write(ev: NewEvent): FenceEvent {
      const stamped = { time: new Date().toISOString(), session: options.session, ...ev } as FenceEvent;
      try {
        if (!dirReady) {
          mkdirSync(dir, { recursive: true, mode: 0o700 });
          dirReady = true;
        }
        // One write per line with O_APPEND: lines from concurrent writers never interleave.
        appendFileSync(file, `${JSON.stringify(stamped)}\n`, { mode: 0o600 });
      } catch {
        // Logging is best effort.
      }
      try {
        options.onEvent?.(stamped);
      } catch {
        // A broken observer must not break the writer.
      }
      return stamped;
    },
  };
}

/** Appends one event of any type to a session log. */
export function logEvent(log: EventLog, ev: NewEvent): FenceEvent {
  return log.write(ev);
}
