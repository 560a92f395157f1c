// Finds session brokers (packages/core session-daemon-main.js) among the live
// processes, so tests can count them during an install and see them gone after.
import { readdirSync, readFileSync } from 'node:fs';

export interface BrokerProcess {
  pid: number;
  ppid: number;
  /** The session dir argument: `<runtime dir>/session-<owner pid>-<start>`. */
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

/**
 * Live brokers, optionally only those serving the package manager with this pid. A broker's
 * child between fork and exec (bwrap probe) still shows the broker's argv: it is left out.
 */
export function listBrokers(ownerPid?: number): BrokerProcess[] {
  const found: BrokerProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = cmdline(entry);
    const at = argv?.findIndex((a) => a.endsWith('/session-daemon-main.js')) ?? -1;
    if (!argv || at < 0) continue;
    const broker = { pid: Number(entry), ppid: parentPid(entry), sessionDir: argv[at + 1] ?? '', ownerPid: Number(argv[at + 2]) };
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
