import { randomUUID } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { auditScope } from '../audit/collect-audit.js';
import type { AuditScope } from '../audit/file-access.js';
import { requireStrace } from '../audit/find-strace.js';
import type { BrokerApi } from '../broker/daemon.js';
import { ConfigError } from '../config/errors.js';
import { loadConfig } from '../config/load.js';
import { identifyNpmScript } from '../identity/npm-identity.js';
import { resolvePolicy } from '../policy/resolve-policy.js';
import type { ScriptIdentity } from '../policy/types.js';
import { SandboxUnavailableError } from '../sandbox/errors.js';
import { prepareLaunch } from '../sandbox/launch.js';
import { writeSeccompFile } from '../sandbox/seccomp/write-filter-file.js';
import { bridgeBinary, compiledShellPath, fenceRoot, fenceShellPath, nestedShellPath, preloadPath } from './fence-root.js';
import { readProcess, shellArgs } from './read-process.js';
import { hostPlan, launchPlan, refusalPlan, type ScriptPlan } from './script-plan.js';

export interface PreparedScript {
  /** What the script-shell does; the session handlers add the `done` report. */
  plan: ScriptPlan;
  identity?: ScriptIdentity;
  /** True when `plan` launches the sandbox (not a refusal, not a host run). */
  sandboxed?: boolean;
  projectRoot?: string;
  /** Names in the caller's environment (the POSIX fence-shell unsets them before bwrap). */
  callerEnvNames?: string[];
  /** Audit mode: the strace log the sandbox writes, read by the `done` op. */
  audit?: { file: string; scope: AuditScope };
}

export interface PrepareInput {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Absolute path of the script-shell that was called (overlaid inside by the nested one). */
  shellPath: string;
}

const seccompFiles = new Map<string, string>();
/** The filter is the same for every script of a session: build and write it once. */
function seccompFileFor(dir: string, denyUnixSockets: boolean, allowPtrace: boolean): string {
  const key = `${dir}\0${denyUnixSockets}\0${allowPtrace}`;
  let file = seccompFiles.get(key);
  if (!file || !existsSync(file)) seccompFiles.set(key, (file = writeSeccompFile(dir, { denyUnixSockets, allowPtrace })));
  return file;
}

/**
 * Inside, fence-shell is replaced by the nested one, so a script run from inside
 * (`npm run`, `npx`) stays in this sandbox. Both installed fence-shells (POSIX and
 * compiled) and the path npm was given (a symlink or copy) are covered.
 */
const realOrNone = (p: string): string[] => {
  try {
    return p.endsWith('/fence-shell') ? [realpathSync(p)] : [];
  } catch {
    return []; // not there
  }
};

/** fence's own script-shells and the nested one: fixed for the broker's life, found once. */
const ownShells = new Map<string, { targets: string[]; nested?: string }>();

function nestedOverlays(root: string, invoked: string): Array<[string, string]> {
  let own = ownShells.get(root);
  if (!own) {
    const nested = nestedShellPath(root);
    own = { targets: [fenceShellPath(root), compiledShellPath(root)].flatMap(realOrNone), nested: existsSync(nested) ? nested : undefined };
    ownShells.set(root, own);
  }
  const { nested } = own;
  if (!nested) return [];
  return [...new Set([...own.targets, ...realOrNone(invoked)])].map((t) => [nested, t] as [string, string]);
}

/** Turns one script-shell call into the plan that runs it sandboxed (or refuses). */
export async function prepareScript(input: PrepareInput, api: BrokerApi): Promise<PreparedScript> {
  const args = input.argv;
  if (args[0] !== '-c' || args.length < 2) return { plan: refusalPlan(`fence-shell: expected -c "<script>", got ${JSON.stringify(args)}`, 2) };
  const { identity, projectRoot } = identifyNpmScript({ cwd: input.cwd, env: input.env });
  let loaded;
  try {
    loaded = loadConfig({ projectRoot, settingsFile: input.env.FENCE_SETTINGS, env: input.env, home: input.env.HOME });
  } catch (e) {
    if (e instanceof ConfigError) return { plan: refusalPlan(`${e.message}\nThe script was not run.`, 2), identity };
    throw e;
  }
  const config = loaded.config;
  if (identity.kind === 'by-hand' && (config.scripts?.runByHand ?? 'host') === 'host') return { plan: hostPlan(args), identity };
  if (!identity.verified)
    api.log({ type: 'identity', package: identity.name, version: identity.version, event: identity.event, dir: identity.dir, reason: identity.mismatch });

  const root = fenceRoot();
  const policy = resolvePolicy({
    config: input.env.FENCE_AUDIT === '1' ? { ...config, sandbox: { ...config.sandbox, audit: true } } : config,
    identity,
    cwd: input.cwd,
    projectRoot,
    env: input.env,
    home: input.env.HOME,
    extraReadRoots: [root],
  });
  try {
    const proxySocket = await api.register(
      { name: identity.name, version: identity.version, event: identity.event, kind: identity.kind },
      policy.network,
    );
    const audit = policy.audit ? { strace: requireStrace(), file: join(api.sessionDir, `audit-${randomUUID()}.strace`) } : undefined;
    const spec = prepareLaunch(policy, ['/bin/sh', ...args], {
      proxySocket,
      bridge: bridgeBinary(root),
      preload: preloadPath(root),
      seccompFile: policy.seccomp ? seccompFileFor(api.sessionDir, policy.denyUnixSockets, policy.audit) : undefined,
      audit,
      callerNodeOptions: input.env.NODE_OPTIONS,
      overlays: nestedOverlays(root, input.shellPath),
    });
    return {
      plan: launchPlan(spec),
      identity,
      sandboxed: true,
      projectRoot,
      ...(audit ? { audit: { file: audit.file, scope: auditScope(policy) } } : {}),
    };
  } catch (e) {
    if (e instanceof SandboxUnavailableError) return { plan: refusalPlan(e.message, 126), identity };
    throw e;
  }
}

/** The broker op `prepare`: `{"op":"prepare","pid":N}` from the script-shell's fast path. */
export async function prepareFromPid(pid: number, api: BrokerApi): Promise<PreparedScript> {
  const facts = readProcess(pid);
  const shellPath = facts.argv.find((a) => a.endsWith('/fence-shell')) ?? facts.argv[1] ?? '';
  const prepared = await prepareScript({ argv: shellArgs(facts.argv, shellPath), env: facts.env, cwd: facts.cwd, shellPath }, api);
  return { ...prepared, callerEnvNames: Object.keys(facts.env) };
}
