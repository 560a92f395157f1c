import type { AuditScope } from '../audit/file-access.js';
import type { ScriptIdentity } from '../policy/types.js';
import type { FenceEvent } from '../report/event-types.js';

/** Where an audited script's strace log is, and the policy facts to read it with. */
export interface LedgerAudit {
  file: string;
  scope: AuditScope;
}

interface Entry {
  identity: ScriptIdentity;
  started: number;
  /** The script-shell's pid: when it is gone without a `done`, the script succeeded. */
  pid?: number;
  lastRefusal?: string;
  audit?: LedgerAudit;
}

/** What the broker remembers about the scripts of its session: start times and their last refusal. */
export class ScriptLedger {
  private next = 1;
  private readonly entries = new Map<number, Entry>();
  private readonly byKey = new Map<string, number>();

  private static key(name?: string, event?: string, version?: string) {
    return `${name}\0${event}\0${version}`;
  }

  start(identity: ScriptIdentity, audit?: LedgerAudit, pid?: number): number {
    const id = this.next++;
    this.entries.set(id, { identity, started: Date.now(), audit, pid });
    this.byKey.set(ScriptLedger.key(identity.name, identity.event, identity.version), id);
    return id;
  }

  /** Remembers the refusal of a running script, for the line printed when it fails. */
  observe(ev: FenceEvent): void {
    if (ev.type !== 'network') return;
    const id = this.byKey.get(ScriptLedger.key(ev.package, ev.event, ev.version));
    const entry = id === undefined ? undefined : this.entries.get(id);
    if (!entry) return;
    const where = entry.identity.kind === 'dependency' ? `packages["${entry.identity.name}"].network.allowedDomains` : 'network.allowedDomains';
    const shown = ev.host.includes(':') ? `[${ev.host}]` : ev.host;
    entry.lastRefusal =
      ev.reason === 'not-allowed' || ev.reason === 'ip-literal'
        ? `fence: refused connection to ${shown}:${ev.port} (${ev.reason}); to allow it add "${ev.host}" to ${where} in fence.json`
        : ev.reason === 'local-address'
          ? `fence: refused connection to ${shown}:${ev.port} (local address); to allow it set network.allowLocalOutbound in fence.json`
          : `fence: refused connection to ${shown}:${ev.port} (${ev.reason})`;
  }

  finish(id: number): { identity: ScriptIdentity; durationMs: number; lastRefusal?: string; audit?: LedgerAudit } | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    this.entries.delete(id);
    return { identity: entry.identity, durationMs: Date.now() - entry.started, lastRefusal: entry.lastRefusal, audit: entry.audit };
  }

  /** Scripts whose shell has exited without reporting: they ended with exit code 0. */
  finishGone(alive: (pid: number) => boolean): Array<{ identity: ScriptIdentity; durationMs: number }> {
    const out: Array<{ identity: ScriptIdentity; durationMs: number }> = [];
    for (const [id, entry] of this.entries) {
      if (entry.pid === undefined || entry.audit || alive(entry.pid)) continue;
      this.entries.delete(id);
      out.push({ identity: entry.identity, durationMs: Date.now() - entry.started });
    }
    return out;
  }
}
