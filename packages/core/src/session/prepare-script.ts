import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
import { fenceRoot, preloadPath } from './fence-root.js';
import { readProcess, shellArgs } from './read-process.js';

export interface PreparedScript {
  /** Shell text for the script-shell to eval. */
  shell: string;
  identity?: ScriptIdentity;
  /** True when `shell` launches the sandbox (not a refusal, not a host run). */
  sandboxed?: boolean;
}

export interface PrepareInput {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** Absolute path of the script-shell that was called (overlaid inside by the nested one). */
  shellPath: string;
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
    let real = input.shellPath;
    try {
      real = realpathSync(input.shellPath);
    } catch {
      /* keep */
    }
    const spec = prepareLaunch(policy, ['/bin/sh', ...args], {
      proxySocket,
      preload: preloadPath(root),
      seccompFile: policy.seccomp ? writeSeccompFile(api.sessionDir, { denyUnixSockets: policy.denyUnixSockets }) : undefined,
      callerNodeOptions: input.env.NODE_OPTIONS,
      overlays: [[join(dirname(real), 'fence-shell-nested'), real]],
    });
    return { shell: launchToShell(spec), identity, sandboxed: true };
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
