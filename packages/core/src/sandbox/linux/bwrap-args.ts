import { statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { SandboxPolicy } from '../../policy/types.js';
import { INNER_PROXY_SOCKET, innerScript } from './inner-script.js';

export interface BwrapOptions {
  socat: string;
  /** The host socket of this script's proxy endpoint, bind-mounted inside. */
  proxySocket?: string;
  /** fd number bwrap reads the seccomp program from. */
  seccompFd?: number;
  /** host path -> file shown in its place (the nested fence-shell). */
  overlays?: Array<[source: string, dest: string]>;
  /** Full environment inside (replaces everything). */
  env: Record<string, string>;
}

const under = (p: string, root: string) => {
  const r = relative(root, p);
  return r === '' || (!r.startsWith('..') && !isAbsolute(r));
};

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Directories replaced by empty ones inside; what lies below them is visible only if bound again. */
function maskedRoots(policy: SandboxPolicy): string[] {
  const home = policy.filesystem.home;
  return ['/tmp', '/var/tmp', '/run', '/dev/shm', ...(home && home !== '/' ? [home] : [])].filter(isDir);
}

/**
 * The bubblewrap argv for a policy. Order matters: bwrap applies mounts in
 * sequence, so masks come first, then readable and writable binds, then the
 * read-only protections over writable trees, then the hidden paths last.
 */
export function buildBwrapArgs(policy: SandboxPolicy, cmd: string[], opts: BwrapOptions): string[] {
  const fs = policy.filesystem;
  const a: string[] = [
    '--unshare-user', '--disable-userns', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-net',
    '--unshare-cgroup-try', '--die-with-parent', '--new-session',
    '--ro-bind', '/', '/',
    '--dev', '/dev',
    '--proc', '/proc',
  ];
  const masked = maskedRoots(policy);
  for (const m of masked) a.push('--tmpfs', m);

  const readable = [...fs.allowRead, policy.projectRoot, policy.cwd];
  const bound = new Set<string>();
  for (const p of readable) {
    if (bound.has(p) || !masked.some((m) => under(p, m))) continue;
    bound.add(p);
    a.push('--ro-bind', p, p);
  }
  for (const p of fs.allowWrite) a.push('--bind', p, p);

  const visible = (p: string) =>
    !masked.some((m) => under(p, m)) || [...bound, ...fs.allowWrite].some((b) => under(p, b));
  for (const p of fs.denyWrite) if (fs.allowWrite.some((w) => under(p, w))) a.push('--ro-bind', p, p);
  for (const p of fs.denyRead) {
    if (!visible(p)) continue;
    if (isDir(p)) a.push('--tmpfs', p, '--remount-ro', p);
    else a.push('--ro-bind', '/dev/null', p);
  }

  if (opts.proxySocket) a.push('--bind', opts.proxySocket, INNER_PROXY_SOCKET);
  for (const [src, dest] of opts.overlays ?? []) a.push('--ro-bind', src, dest);
  a.push('--chdir', policy.cwd, '--clearenv');
  for (const [k, v] of Object.entries(opts.env)) a.push('--setenv', k, v);
  if (opts.seccompFd !== undefined) a.push('--seccomp', String(opts.seccompFd));
  a.push('--', '/bin/sh', '-c', innerScript(opts.socat), 'fence-sandbox', ...cmd);
  return a;
}
