import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Start time of a process (field 22 of /proc/<pid>/stat, in clock ticks since boot); with the
 * pid it names one process for good, so a reused pid is a new session. Undefined when gone.
 * Without /proc (macOS) the start time is reported as '0' and liveness falls back to kill(0).
 */
export function processStartTime(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT' && process.platform !== 'linux') return aliveByKill(pid) ? '0' : undefined;
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (fields[0] === 'Z' || fields[0] === 'X') return undefined; // a zombie has ended
  return fields[19];
}

function aliveByKill(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True while the process with this pid is still the one that started at `start`. */
export function isSameProcess(pid: number, start: string): boolean {
  return processStartTime(pid) === start;
}

/** `<ownerPid>-<start time>`; throws when the owner is not running. */
export function sessionId(ownerPid: number): string {
  const start = processStartTime(ownerPid);
  if (start === undefined) throw new Error(`fence: the owner process ${ownerPid} is not running`);
  return `${ownerPid}-${start}`;
}

export const SESSION_PREFIX = 'session-';
/** Inside a session dir: the broker's control socket, and the file naming the session log. */
export const CONTROL_SOCKET = 'control.sock';
export const LOG_PATH_FILE = 'log-path';

export function sessionDir(runtimeDir: string, ownerPid: number): string {
  return path.join(runtimeDir, `${SESSION_PREFIX}${sessionId(ownerPid)}`);
}

/** Parses a session dir name (or its `.lock` file) back into owner pid and start time. */
export function parseSessionName(name: string): { pid: number; start: string } | undefined {
  const m = /^session-(\d+)-(\d+)(\.lock)?$/.exec(name);
  return m ? { pid: Number(m[1]), start: m[2] as string } : undefined;
}
