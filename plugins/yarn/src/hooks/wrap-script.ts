import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import {
  auditScope,
  bridgeBinary,
  compiledShellPath,
  ConfigError,
  fileEvents,
  fenceShellPath,
  insideFenceSandbox,
  loadConfig,
  nestedShellPath,
  preloadPath,
  prepareLaunch,
  readAuditFile,
  requireStrace,
  resolvePolicy,
  runLaunchPiped,
  SandboxUnavailableError,
  writeSeccompFile,
} from '@fence/core';
import type { Locator, Project } from '@yarnpkg/core';
import { npath } from '@yarnpkg/fslib';
import { locatorIdentity } from '../identity/locator-identity.js';
import { refusalHint } from '../report/refusal-hint.js';
import { logPathOf, SessionBroker } from '../sandbox/session-broker.js';
import { resolveFenceRoot } from '../settings/fence-root-setting.js';
import { isInstalling } from './install-state.js';

export interface ScriptExtra {
  script: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdin: Readable | null;
  stdout: Writable;
  stderr: Writable;
}

type Executor = () => Promise<number>;

let broker: SessionBroker | undefined;
const brokerFor = (root: string) => (broker ??= new SessionBroker(root));

/** Yarn's shell appends extra args to the script; /bin/sh gets them as "$@". */
const shellCommand = (script: string, args: string[]) =>
  args.length ? ['/bin/sh', '-c', `${script} "$@"`, 'sh', ...args] : ['/bin/sh', '-c', script];

/** Runs one lifecycle script of `locator` in its own sandbox; resolves with its exit code. */
async function runSandboxed(executor: Executor, project: Project, locator: Locator, scriptName: string, extra: ScriptExtra): Promise<number> {
  const fail = (msg: string, code: number) => {
    extra.stderr.write(`${msg}\n`);
    return code;
  };
  const env = extra.env;
  const projectRoot = npath.fromPortablePath(project.cwd);
  const identity = locatorIdentity({ project, locator, scriptName, cwd: npath.fromPortablePath(extra.cwd), installing: isInstalling() });
  let config;
  try {
    config = loadConfig({ projectRoot, settingsFile: env.FENCE_SETTINGS, env, home: env.HOME }).config;
  } catch (e) {
    if (e instanceof ConfigError) return fail(`${e.message}\nThe script was not run.`, 2);
    throw e;
  }
  if (identity.kind === 'by-hand' && (config.scripts?.runByHand ?? 'host') === 'host') return executor();
  if (env.FENCE_AUDIT === '1') config = { ...config, sandbox: { ...config.sandbox, audit: true } };

  let root: string;
  try {
    root = resolveFenceRoot(project.configuration, env);
  } catch (e) {
    return fail(`${(e as Error).message}\nThe script was NOT run (fence fails closed).`, 126);
  }
  // Yarn's shims (`node`, `yarn`, `run`, our `node-gyp`) live in a temp dir on PATH; the `yarn`
  // shim runs this very Yarn. Both must stay readable inside, where /tmp is private.
  const yarnShims = [env.BERRY_BIN_FOLDER, process.argv[1]].filter((p): p is string => !!p);
  const policy = resolvePolicy({ config, identity, cwd: identity.dir, projectRoot, env, home: env.HOME, extraReadRoots: [root, ...yarnShims] });
  const session = brokerFor(root);
  try {
    const { socket, sessionDir } = await session.register(identity, policy.network);
    const audit = policy.audit ? { strace: requireStrace(), file: join(sessionDir, `audit-${randomUUID()}.strace`) } : undefined;
    const spec = prepareLaunch(policy, shellCommand(extra.script, extra.args), {
      proxySocket: socket,
      bridge: bridgeBinary(root),
      preload: preloadPath(root),
      seccompFile: policy.seccomp
        ? writeSeccompFile(sessionDir, { denyUnixSockets: policy.denyUnixSockets, allowPtrace: policy.audit })
        : undefined,
      audit,
      callerNodeOptions: env.NODE_OPTIONS,
      // A nested fence-shell (the node-gyp shim inside a script) runs in the sandbox it is already in.
      overlays: [fenceShellPath(root), compiledShellPath(root)].filter((p) => existsSync(p)).map((p): [string, string] => [nestedShellPath(root), p]),
    });
    if (!identity.verified)
      await session.log({ type: 'identity', package: identity.name, version: identity.version, event: identity.event, dir: identity.dir, reason: identity.mismatch });
    const since = new Date().toISOString();
    const started = Date.now();
    const base = { package: identity.name, version: identity.version, event: identity.event, kind: identity.kind };
    await session.log({ type: 'script', phase: 'start', ...base, dir: identity.dir, projectRoot, verified: identity.verified });
    const code = await runLaunchPiped(spec, extra);
    if (audit) for (const ev of fileEvents(readAuditFile(audit.file, auditScope(policy)), identity)) await session.log(ev);
    await session.log({ type: 'script', phase: 'end', ...base, exitCode: code, durationMs: Date.now() - started });
    const hint = code !== 0 ? refusalHint(logPathOf(sessionDir), identity, since) : undefined;
    if (hint) extra.stderr.write(`${hint}\n`);
    return code;
  } catch (e) {
    if (e instanceof SandboxUnavailableError) return fail(e.message, 126);
    return fail(`fence: ${(e as Error).message}\nThe script was NOT run (fence fails closed).`, 126);
  }
}

/** Yarn's wrapScriptExecution hook: every lifecycle script, `yarn run` and `yarn rebuild` pass here. */
export async function wrapScriptExecution(
  executor: Executor,
  project: Project,
  locator: Locator,
  scriptName: string,
  extra: ScriptExtra,
): Promise<Executor> {
  // Yarn itself runs inside a fence sandbox (a script called `yarn ...`): stay in that sandbox.
  if (insideFenceSandbox()) return executor;
  return () => runSandboxed(executor, project, locator, scriptName, extra);
}
