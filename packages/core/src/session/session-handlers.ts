import { fileEvents, readAuditFile } from '../audit/collect-audit.js';
import type { BrokerApi, BrokerHandler } from '../broker/daemon.js';
import { processStartTime } from '../broker/session-key.js';
import { shellQuote } from '../sandbox/shell-quote.js';
import { prepareFromPid } from './prepare-script.js';
import type { ScriptLedger } from './script-ledger.js';

/**
 * The broker ops behind the script-shell: `prepare` answers with shell text that
 * runs the script sandboxed and then reports `done`; `done` answers with the line
 * to print when the script failed after a refusal.
 */
export function sessionHandlers(ledger: ScriptLedger, socat: () => string): Record<string, BrokerHandler> {
  let watching = false;
  // A successful script reports nothing (its hot path stays fork-free): the broker notices
  // its shell is gone and logs the end. Failures report synchronously, with their code.
  const watch = (api: BrokerApi) => {
    if (watching) return;
    watching = true;
    setInterval(() => {
      for (const { identity, durationMs } of ledger.finishGone((pid) => processStartTime(pid) !== undefined))
        api.log({ type: 'script', phase: 'end', package: identity.name, version: identity.version, event: identity.event, kind: identity.kind, exitCode: 0, durationMs });
    }, 200).unref();
  };
  return {
    prepare: async (msg, api: BrokerApi) => {
      const pid = Number(msg.pid);
      if (!Number.isInteger(pid) || pid <= 0) return `printf 'fence: bad prepare request\\n' >&2; exit 2`;
      let prepared;
      try {
        prepared = await prepareFromPid(pid, api);
      } catch (e) {
        // Whatever went wrong, the answer is still shell text that runs nothing.
        return `printf '%s\\n' ${shellQuote(`fence: could not prepare the sandbox: ${(e as Error).message}`)} 'The script was NOT run (fence fails closed).' >&2; exit 126`;
      }
      if (!prepared.sandboxed || !prepared.identity) return prepared.shell;
      const { identity } = prepared;
      const id = ledger.start(identity, prepared.audit, pid);
      watch(api);
      api.log({ type: 'script', phase: 'start', package: identity.name, version: identity.version, event: identity.event, kind: identity.kind, dir: identity.dir, verified: identity.verified, projectRoot: prepared.projectRoot });
      const ctl = shellQuote(`UNIX-CONNECT:${api.sessionDir}/control.sock`);
      const s = shellQuote(socat());
      const report = (rc: string) => `printf '{"op":"done","id":${id},"rc":%s}\\n' ${rc}`;
      return [
        prepared.shell,
        'fence_rc=$?',
        // Audit mode waits for `done` even on success: its file events must be logged before the install moves on.
        prepared.audit
          ? `${report('$fence_rc')} | ${s} -t 30 - ${ctl} >&2 2>/dev/null`
          : `if [ $fence_rc -ne 0 ]; then ${report('$fence_rc')} | ${s} -t 5 - ${ctl} >&2 2>/dev/null; fi`,
        'exit $fence_rc',
      ].join('\n');
    },
    done: async (msg, api) => {
      const done = ledger.finish(Number(msg.id));
      if (!done) return '';
      const rc = Number(msg.rc);
      const { identity } = done;
      if (done.audit) for (const ev of fileEvents(readAuditFile(done.audit.file, done.audit.scope), identity)) api.log(ev);
      api.log({ type: 'script', phase: 'end', package: identity.name, version: identity.version, event: identity.event, kind: identity.kind, exitCode: rc, durationMs: done.durationMs });
      return rc !== 0 && done.lastRefusal ? `${done.lastRefusal}\n` : '';
    },
  };
}
