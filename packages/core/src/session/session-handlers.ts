import { join } from 'node:path';
import { fileEvents, readAuditFile } from '../audit/collect-audit.js';
import type { BrokerApi, BrokerHandler } from '../broker/daemon.js';
import { CONTROL_SOCKET, processStartTime } from '../broker/session-key.js';
import { planToShell } from './plan-to-shell.js';
import { planToTokens } from './plan-to-tokens.js';
import { prepareFromPid } from './prepare-script.js';
import { refusalPlan, type ScriptPlan } from './script-plan.js';
import type { ScriptLedger } from './script-ledger.js';

/**
 * The broker ops behind the script-shell: `prepare` answers with the plan (shell text,
 * or tokens for the compiled client) that runs the script sandboxed and then reports
 * `done`; `done` answers with the line to print when the script failed after a refusal.
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
      // The compiled fence-shell asks for tokens; the POSIX one for shell text to eval.
      const render = (plan: ScriptPlan, callerEnvNames: string[] = []) =>
        msg.format === 'tokens'
          ? planToTokens(plan)
          : planToShell(plan, { callerEnvNames, socat: socat(), controlSocket: join(api.sessionDir, CONTROL_SOCKET) });
      const pid = Number(msg.pid);
      if (!Number.isInteger(pid) || pid <= 0) return render(refusalPlan('fence: bad prepare request', 2));
      let prepared;
      try {
        prepared = await prepareFromPid(pid, api);
      } catch (e) {
        // Whatever went wrong, the answer still runs nothing and says why.
        return render(refusalPlan(`fence: could not prepare the sandbox: ${(e as Error).message}\nThe script was NOT run (fence fails closed).`, 126));
      }
      if (!prepared.sandboxed || !prepared.identity) return render(prepared.plan, prepared.callerEnvNames);
      const { identity } = prepared;
      const id = ledger.start(identity, prepared.audit, pid);
      watch(api);
      api.log({ type: 'script', phase: 'start', package: identity.name, version: identity.version, event: identity.event, kind: identity.kind, dir: identity.dir, verified: identity.verified, projectRoot: prepared.projectRoot });
      // Audit mode waits for `done` even on success: its file events must be logged before the install moves on.
      return render({ ...prepared.plan, report: { id, always: !!prepared.audit } }, prepared.callerEnvNames);
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
