import { existsSync, statSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { SandboxPolicy } from '../../policy/types.js';
import { emptyFile } from './empty-file.js';
import { BRIDGE_PORT, INNER_PROXY_SOCKET, innerScript } from './inner-script.js';

export interface BwrapOptions {
  socat: string;
  /** The compiled fence-bridge (listens before it execs the command); socat and a wait loop otherwise. */
  bridge?: string;
  /** The host socket of this script's proxy endpoint, bind-mounted inside. */
  proxySocket?: string;
  /** fd number bwrap reads the seccomp program from. */
  seccompFd?: number;
  /** fence's own files the sandbox needs (the bridge, the Node preload), bound wherever they live. */
  ownFiles?: string[];
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

/** True when the deepest mount covering `p` so far is a mask (a bind at the same path as a mask wins). */
function hiddenByMask(p: string, masked: string[], bound: string[]): boolean {
  const deepest = (xs: string[]) => Math.max(-1, ...xs.filter((x) => under(p, x)).map((x) => x.length));
  const mask = deepest(masked);
  return mask >= 0 && mask > deepest(bound);
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
  // One layer sorted by depth: an ancestor is mounted before what lies below it,
  // so a home inside a readable project is still replaced, and a toolchain bound
  // inside that home still shows. At equal paths: mask, then read-only, then writable.
  type Op = { path: string; rank: 0 | 1 | 2 };
  const ops: Op[] = [
    ...masked.map((p) => ({ path: p, rank: 0 as const })),
    ...[...fs.allowRead, policy.projectRoot, policy.cwd].map((p) => ({ path: p, rank: 1 as const })),
    ...fs.allowWrite.map((p) => ({ path: p, rank: 2 as const })),
  ];
  const depth = (p: string) => p.split('/').length;
  ops.sort((x, y) => depth(x.path) - depth(y.path) || x.rank - y.rank);
  const seen = new Set<string>();
  const bound: string[] = [];
  for (const op of ops) {
    const key = `${op.rank}:${op.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (op.rank === 0) a.push('--tmpfs', op.path);
    else if (op.rank === 1) {
      // Readable paths are visible already unless a mask is the closest mount above them; binding one
      // inside a writable tree (a workspace cwd in the project) would make it read-only.
      if (!hiddenByMask(op.path, masked, bound)) continue;
      bound.push(op.path);
      a.push('--ro-bind', op.path, op.path);
    } else {
      bound.push(op.path);
      a.push('--bind', op.path, op.path);
    }
  }

  const visible = (p: string) =>
    !masked.some((m) => under(p, m)) || bound.some((b) => under(p, b));
  for (const p of fs.denyWrite) {
    if (fs.allowWrite.some((w) => under(p, w))) a.push('--ro-bind', p, p);
    // A start-up file in the stand-in home: an empty read-only file, so a write is refused
    // (and seen as refused) instead of landing in a throwaway copy.
    else if (!visible(p) && !isDir(p) && under(p, fs.home)) a.push('--ro-bind', emptyFile(), p);
  }
  for (const p of fs.denyRead) {
    if (!visible(p)) continue;
    if (isDir(p)) a.push('--tmpfs', p, '--remount-ro', p);
    // /dev/null on the nodev mounts inside cannot be opened: reading a hidden file is refused (EACCES).
    else a.push('--ro-bind', '/dev/null', p);
  }

  for (const p of opts.ownFiles ?? []) if (hiddenByMask(p, masked, bound)) a.push('--ro-bind', p, p);
  if (opts.proxySocket) a.push('--bind', opts.proxySocket, INNER_PROXY_SOCKET);
  for (const [src, dest] of opts.overlays ?? []) a.push('--ro-bind', src, dest);
  a.push('--chdir', policy.cwd, '--clearenv');
  for (const [k, v] of Object.entries(opts.env)) a.push('--setenv', k, v);
  if (opts.seccompFd !== undefined) a.push('--seccomp', String(opts.seccompFd));
  if (opts.proxySocket && opts.bridge) a.push('--', opts.bridge, String(BRIDGE_PORT), INNER_PROXY_SOCKET, ...cmd);
  else if (!opts.proxySocket) a.push('--', ...cmd);
  else {
    const bash = existsSync('/bin/bash');
    a.push('--', ...(bash ? ['/bin/bash', '--noprofile', '--norc'] : ['/bin/sh']), '-c', innerScript(opts.socat, bash), 'fence-sandbox', ...cmd);
  }
  return a;
}
