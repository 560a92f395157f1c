// Finds session brokers (packages/core's session daemon, tsc's module or the bundle) among
// the live processes, so tests can count them during an install and see them gone after.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

export interface BrokerProcess {
  pid: number;
  ppid: number;
  /** `<runtime dir>/session-<owner pid>-<start>`: the argument, or (`--ensure`) where it listens. */
  sessionDir: string;
  ownerPid: number;
}

function cmdline(pid: string): string[] | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').slice(0, -1);
  } catch {
    return undefined; // gone meanwhile
  }
}

function parentPid(pid: string): number {
  try {
    return Number(/^PPid:\s*(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

const DAEMON = /\/(session-daemon-main\.js|session-daemon\.cjs)$/;

/**
 * The control socket a process listens on, from its fds and /proc/net/unix. Started with
 * `--ensure`, a broker's argv does not name its session, and a process that only waited for
 * another broker listens on nothing: it is not a broker.
 */
function listeningControlSocket(pid: string): string | undefined {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (m) inodes.add(m[1]!);
    }
    for (const line of readFileSync('/proc/net/unix', 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length >= 8 && inodes.has(f[6]!) && f[7]!.endsWith('/control.sock')) return f[7];
    }
  } catch {
    // Gone meanwhile.
  }
  return undefined;
}

/**
 * Live brokers, optionally only those serving the package manager with this pid. A broker's
 * child between fork and exec (bwrap probe) still shows the broker's argv: it is left out.
 */
export function listBrokers(ownerPid?: number): BrokerProcess[] {
  const found: BrokerProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = cmdline(entry);
    const at = argv?.findIndex((a) => DAEMON.test(a)) ?? -1;
    if (!argv || at < 0) continue;
    let sessionDir = argv[at + 1] ?? '';
    if (sessionDir === '--ensure') {
      const socket = listeningControlSocket(entry);
      if (!socket) continue;
      sessionDir = path.dirname(socket);
    }
    const broker = { pid: Number(entry), ppid: parentPid(entry), sessionDir, ownerPid: Number(argv[at + 2]) };
    if (ownerPid === undefined || broker.ownerPid === ownerPid) found.push(broker);
  }
  const pids = new Set(found.map((b) => b.pid));
  return found.filter((b) => !pids.has(b.ppid));
}

/** Polls `check` every `stepMs` until it is true or `limitMs` passed; returns its last value. */
export async function waitFor(check: () => boolean, limitMs: number, stepMs = 100): Promise<boolean> {
  for (let waited = 0; waited < limitMs; waited += stepMs) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return check();
}
