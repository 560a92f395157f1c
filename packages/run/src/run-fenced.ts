import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { Writable } from 'node:stream';
import {
  ConfigError, SandboxUnavailableError, auditScope, bridgeBinary, fenceRoot, fileEvents, getProfile, loadConfig, mergeConfigs, openEventLog, openLocalSession,
  preloadPath, prepareLaunch, processStartTime, readAuditFile, requireStrace, resolvePolicy, runLaunch, writeSeccompFile,
  type FenceConfig, type SessionEvent,
} from '@fence/core';
import { commandProfile } from './command-profile.js';
import { formatPolicy } from './print-policy.js';
import { commandAllowances, findVenv, noAllowances } from './profiles/index.js';

export interface RunFencedOptions {
  cmd: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  settingsFile?: string;
  allowWrite: string[];
  allowDomains: string[];
  profile?: string;
  monitor: boolean;
  debug: boolean;
  audit: boolean;
  printPolicy: boolean;
  stdout: Writable;
  stderr: Writable;
}

const describe = (ev: SessionEvent) => `fence: refused ${ev.protocol} ${ev.host}:${ev.port} (${ev.reason})`;

/** `fence-run`: one command, one sandbox, a proxy in this process. Returns the exit code. */
export async function runFenced(o: RunFencedOptions): Promise<number> {
  let loaded;
  try {
    loaded = loadConfig({ projectRoot: o.cwd, settingsFile: o.settingsFile, env: o.env });
  } catch (e) {
    if (e instanceof ConfigError) {
      o.stderr.write(`${e.message}\nNothing was run.\n`);
      return 2;
    }
    throw e;
  }
  const profileName = o.profile === 'none' ? undefined : o.profile ?? commandProfile(o.cmd);
  let config: FenceConfig = loaded.config;
  if (profileName) {
    const profile = getProfile(profileName);
    if (!profile) {
      o.stderr.write(`fence-run: unknown profile "${profileName}". Fix: use one of npm, pnpm, yarn, pip, cargo, none.\n`);
      return 2;
    }
    config = mergeConfigs(profile, config);
  }
  const allow = profileName ? commandAllowances(profileName, o.cmd, { cwd: o.cwd, env: o.env, home: o.env.HOME || homedir() }) : noAllowances();
  // The directories the command would create itself (caches, --target): made now so their binds exist.
  if (!o.printPolicy) createDirs(allow.createDirs);
  if (allow.allowRead.length || allow.denyRead.length)
    config = mergeConfigs(config, { filesystem: { allowRead: allow.allowRead, denyRead: allow.denyRead } });
  if (o.audit) config = { ...config, sandbox: { ...config.sandbox, audit: true } };
  const policy = resolvePolicy({
    config,
    identity: { name: basename(o.cmd[0] ?? 'command'), dir: o.cwd, kind: 'command', verified: true },
    cwd: o.cwd,
    projectRoot: o.cwd,
    env: o.env,
    extraWrite: [...allow.allowWrite, ...o.allowWrite],
    extraDomains: [...allow.allowedDomains, ...o.allowDomains],
    cachesWritable: profileName !== undefined,
    // The active virtualenv stays readable for any command (`fence-run python app.py`), wherever it lives.
    // fence's own files (the bridge, the Node preload) must be readable inside, even when fence lives under /tmp.
    extraReadRoots: [...activeVenv(o), fenceRoot()],
  });
  if (o.printPolicy) {
    const created = allow.createDirs.length ? `\ncreated at launch if missing (then writable):\n${allow.createDirs.map((d) => `  ${d}`).join('\n')}` : '';
    o.stdout.write(`${formatPolicy(policy, loaded.sources, profileName)}${created}\n`);
    return 0;
  }

  const refusals: SessionEvent[] = [];
  // The same session log as installs, so `fence report` covers fence-run too.
  const log = openEventLog({ session: `${process.pid}-${processStartTime(process.pid) ?? '0'}`, ownerPid: process.pid, env: o.env });
  const who = { package: policy.identity.name, event: 'fence-run' };
  const session = openLocalSession({
    testHosts: parseTestHosts(o.env.FENCE_TEST_HOSTS),
    onEvent: (ev) => {
      refusals.push(ev);
      log.write({ ...ev, ...who });
      if (o.monitor) o.stderr.write(`${describe(ev)}\n`);
    },
  });
  try {
    const proxySocket = await session.register(policy.identity, policy.network);
    const audit = policy.audit ? { strace: requireStrace(), file: join(session.dir, 'audit.strace') } : undefined;
    const spec = prepareLaunch(policy, o.cmd, {
      proxySocket,
      bridge: bridgeBinary(),
      preload: preloadPath(),
      seccompFile: policy.seccomp
        ? writeSeccompFile(session.dir, { denyUnixSockets: policy.denyUnixSockets, allowPtrace: policy.audit })
        : undefined,
      audit,
    });
    if (o.debug) o.stderr.write(`fence-run: ${spec.file} ${spec.args.join(' ')}\n`);
    const started = Date.now();
    log.write({ type: 'script', phase: 'start', ...who, kind: 'command', dir: o.cwd, projectRoot: o.cwd, verified: true, command: o.cmd.join(' ') });
    const code = await runLaunch(spec);
    if (audit) {
      const events = fileEvents(readAuditFile(audit.file, auditScope(policy)), { name: who.package, event: who.event });
      for (const ev of events) {
        log.write(ev);
        const f = ev as { operation?: string; path?: string; outcome?: string };
        if (o.monitor) o.stderr.write(`fence: ${f.operation ?? 'access'} ${f.path ?? ''} ${f.outcome ?? ''}\n`);
      }
    }
    log.write({ type: 'script', phase: 'end', ...who, kind: 'command', exitCode: code, durationMs: Date.now() - started });
    if (code !== 0 && refusals.length && !o.monitor) o.stderr.write(`${describe(refusals[refusals.length - 1]!)}\n`);
    return code;
  } catch (e) {
    if (e instanceof SandboxUnavailableError) {
      o.stderr.write(`${e.message}\n`);
      return 126;
    }
    throw e;
  } finally {
    await session.close();
  }
}

function activeVenv(o: RunFencedOptions): string[] {
  const venv = findVenv(o.cmd, o.cwd, o.env);
  return venv ? [venv] : [];
}

function createDirs(dirs: string[]): void {
  for (const dir of dirs) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch {
      // Not ours to create (read-only, or a file is there): the path stays out of the policy.
    }
  }
}

/** Test-only name map; read from our own environment, which a sandboxed command cannot change. */
function parseTestHosts(raw: string | undefined): Record<string, string> | undefined {
  if (!raw) return undefined;
  try {
    return JSON.parse(raw) as Record<string, string>;
  } catch {
    return undefined;
  }
}
