import type { StdioOptions } from 'node:child_process';
import { dirname } from 'node:path';
import { AUDIT_FD, auditCommand } from '../audit/strace-command.js';
import type { SandboxPolicy } from '../policy/types.js';
import { buildBwrapArgs } from './linux/bwrap-args.js';
import { probeLinux } from './linux/probe.js';
import { SandboxUnavailableError } from './errors.js';
import { sandboxEnv } from './sandbox-env.js';
import { weakerLaunch } from './weaker-launch.js';
import type { LaunchSpec } from './launch-spec.js';
import { spawnLaunch } from './spawn-launch.js';

export type { LaunchSpec } from './launch-spec.js';

/** fd number bwrap reads the seccomp program from (fixed so the shell path can redirect it). */
export const SECCOMP_FD = 9;

export interface LaunchOptions {
  proxySocket?: string;
  /** Path of the compiled fence-bridge, when the set-up could build it. */
  bridge?: string;
  seccompFile?: string;
  preload?: string;
  callerNodeOptions?: string;
  overlays?: Array<[string, string]>;
  /** Audit mode: trace the command with this strace, writing its log to `file` (opened outside, passed as a fd). */
  audit?: { strace: string; file: string };
}


export function prepareLaunch(policy: SandboxPolicy, cmd: string[], opts: LaunchOptions = {}): LaunchSpec {
  if (process.platform !== 'linux')
    throw new SandboxUnavailableError(`${process.platform} is not supported by this launcher`, 'use Linux (bubblewrap) or macOS (sandbox-exec)');
  let tools;
  try {
    tools = probeLinux();
  } catch (e) {
    if (!(e instanceof SandboxUnavailableError) || !policy.allowWeaker) throw e;
    const weak = weakerLaunch(policy, cmd, e);
    return { file: weak.file, args: weak.args, fds: [], warning: weak.warning };
  }
  const env = sandboxEnv(policy, { proxy: !!opts.proxySocket, preload: opts.preload, callerNodeOptions: opts.callerNodeOptions });
  const inner = opts.audit ? auditCommand(opts.audit.strace, cmd) : cmd;
  const args = buildBwrapArgs(policy, inner, {
    socat: tools.socat,
    bridge: opts.bridge,
    ownFiles: [opts.bridge, opts.preload && dirname(opts.preload)].filter((p): p is string => !!p),
    proxySocket: opts.proxySocket,
    seccompFd: opts.seccompFile ? SECCOMP_FD : undefined,
    overlays: opts.overlays,
    env,
  });
  const fds: LaunchSpec['fds'] = opts.seccompFile ? [{ fd: SECCOMP_FD, path: opts.seccompFile }] : [];
  if (opts.audit) fds.push({ fd: AUDIT_FD, path: opts.audit.file, write: true });
  return { file: tools.bwrap, args, fds };
}

/** Runs the sandbox with inherited stdio (or the given one) and resolves with its exit code. */
export function runLaunch(spec: LaunchSpec, stdio: StdioOptions = 'inherit'): Promise<number> {
  return spawnLaunch(spec, Array.isArray(stdio) ? [...stdio] : [stdio, stdio, stdio]).exit;
}
