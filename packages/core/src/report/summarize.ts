import type { FileOperation, FileOutcome } from '../audit/file-access.js';
import type { RefusalReason } from '../proxy/types.js';
import type { FenceEvent } from './event-types.js';

export interface ScriptRun {
  event?: string;
  kind?: string;
  exitCode?: number;
  durationMs?: number;
}

export interface RefusedConnection {
  host: string;
  port: number;
  reason: RefusalReason;
  count: number;
}

export interface RefusedFile {
  path: string;
  operation: FileOperation;
  outcome: FileOutcome;
  errno?: string;
  target?: string;
  count: number;
}

/** Everything one package's scripts did that a user should see. */
export interface PackageReport {
  name: string;
  version?: string;
  /** From the script start events: `dependency`, `project`, ... */
  kind?: string;
  /** False when fence could not verify who the package is (its `packages` entries then do not apply). */
  verified: boolean;
  scripts: ScriptRun[];
  network: RefusedConnection[];
  files: RefusedFile[];
  identityWarnings: string[];
}

export interface ReportSummary {
  packages: PackageReport[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** Groups a session's events by package, in the order packages first appear. */
export function summarizeEvents(events: FenceEvent[]): ReportSummary {
  const byName = new Map<string, PackageReport>();
  const get = (ev: FenceEvent): PackageReport => {
    const name = ev.package ?? '(unknown)';
    let p = byName.get(name);
    if (!p) {
      p = { name, version: ev.version, verified: true, scripts: [], network: [], files: [], identityWarnings: [] };
      byName.set(name, p);
    }
    p.version ??= ev.version;
    return p;
  };
  for (const ev of events) {
    if (ev.type === 'warning') continue;
    const p = get(ev);
    if (ev.type === 'network') {
      const same = p.network.find((n) => n.host === ev.host && n.port === ev.port && n.reason === ev.reason);
      if (same) same.count++;
      else p.network.push({ host: ev.host, port: ev.port, reason: ev.reason, count: 1 });
    } else if (ev.type === 'file') {
      const same = p.files.find((f) => f.path === ev.path && f.operation === ev.operation && f.outcome === ev.outcome);
      if (same) same.count++;
      else p.files.push({ path: ev.path, operation: ev.operation, outcome: ev.outcome, errno: ev.errno, target: ev.target, count: 1 });
    } else if (ev.type === 'identity') {
      p.verified = false;
      const reason = str(ev.reason) ?? 'identity not verified';
      if (!p.identityWarnings.includes(reason)) p.identityWarnings.push(reason);
    } else if (ev.type === 'script') {
      if (ev.verified === false) p.verified = false;
      p.kind ??= str(ev.kind);
      if (ev.phase === 'start') p.scripts.push({ event: ev.event, kind: str(ev.kind) });
      else if (ev.phase === 'end') {
        const open = [...p.scripts].reverse().find((s) => s.event === ev.event && s.exitCode === undefined);
        const run = open ?? (p.scripts.push({ event: ev.event, kind: str(ev.kind) }), p.scripts[p.scripts.length - 1]!);
        run.exitCode = num(ev.exitCode);
        run.durationMs = num(ev.durationMs);
      }
    }
  }
  return { packages: [...byName.values()] };
}
