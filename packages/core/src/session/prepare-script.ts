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
import { launchToShell, prepareLaunch } from '../sandbox/launch.js';
import { writeSeccompFile } from '../sandbox/seccomp/write-filter-file.js';
import { shellQuote } from '../sandbox/shell-quote.js';
import { bridgeBinary, fenceRoot, fenceShellPath, nestedShellPath, preloadPath } from './fence-root.js';
import { readProcess, shellArgs } from './read-process.js';

export interface PreparedScript {
  /** Shell text for the script-shell to eval. */
  shell: string;
  identity?: ScriptIdentity;
  /** True when `shell` launches the sandbox (not a refusal, not a host run). */
  sandboxed?: boolean;
  projectRoot?: string;
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
 * (`npm run`, `npx`) stays in this sandbox. Both the installed fence-shell and the
 * path npm was given (a symlink or copy) are covered.
 */
function nestedOverlays(root: string, invoked: string): Array<[string, string]> {
  const nested = nestedShellPath(root);
  const targets = new Set<string>();
  for (const p of [fenceShellPath(root), invoked]) {
    try {
      if (p.endsWith('/fence-shell')) targets.add(realpathSync(p));
    } catch {
      /* not there */
    }
  }
  return existsSync(nested) ? [...targets].map((t) => [nested, t] as [string, string]) : [];
}

const fail = (msg: string, code: number) => `printf '%s\\n' ${shellQuote(msg)} >&2; exit ${code}`;
const plain = (args: string[]) => ['exec', '/bin/sh', ...args].map((w, i) => (i === 0 ? w : shellQuote(w))).join(' ');

/** Turns one script-shell call into the shell text that runs it sandboxed (or refuses). */
export async function prepareScript(input: PrepareInput, api: BrokerApi): Promise<PreparedScript> {
  const args = input.argv;
  if (args[0] !== '-c' || args.length < 2) return { shell: fail(`fence-shell: expected -c "<script>", got ${JSON.stringify(args)}`, 2) };
  const { identity, projectRoot } = identifyNpmScript({ cwd: input.cwd, env: input.env });
  let loaded;
  try {
    loaded = loadConfig({ projectRoot, settingsFile: input.env.FENCE_SETTINGS, env: input.env, home: input.env.HOME });
  } catch (e) {
    if (e instanceof ConfigError) return { shell: fail(`${e.message}\nThe script was not run.`, 2), identity };
    throw e;
  }
  const config = loaded.config;
  if (identity.kind === 'by-hand' && (config.scripts?.runByHand ?? 'host') === 'host') return { shell: plain(args), identity };
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
      shell: launchToShell(spec, Object.keys(input.env)),
      identity,
      sandboxed: true,
      projectRoot,
      ...(audit ? { audit: { file: audit.file, scope: auditScope(policy) } } : {}),
    };
  } catch (e) {
    if (e instanceof SandboxUnavailableError) return { shell: fail(e.message, 126), identity };
    throw e;
  }
}

/** The broker op `prepare`: `{"op":"prepare","pid":N,"id":K}` from the script-shell's fast path. */
export async function prepareFromPid(pid: number, api: BrokerApi): Promise<PreparedScript> {
  const facts = readProcess(pid);
  const shellPath = facts.argv.find((a) => a.endsWith('/fence-shell')) ?? facts.argv[1] ?? '';
  return prepareScript({ argv: shellArgs(facts.argv, shellPath), env: facts.env, cwd: facts.cwd, shellPath }, api);
}
