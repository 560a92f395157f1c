import { existsSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { SandboxUnavailableError } from '../errors.js';
import { findBinary } from './find-binary.js';
import { installCommand } from './install-hint.js';

export interface LinuxTools {
  bwrap: string;
  socat: string;
}

const readSys = (p: string): string | undefined => {
  try {
    return readFileSync(p, 'utf8').trim();
  } catch {
    return undefined;
  }
};

/** Why namespaces failed, with the exact remedy, read from the kernel's switches. */
export function explainNamespaceFailure(stderr: string): SandboxUnavailableError {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  if (readSys('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1')
    return new SandboxUnavailableError(
      `AppArmor forbids unprivileged user namespaces (kernel.apparmor_restrict_unprivileged_userns=1): ${stderr}`,
      `${sudo}sysctl -w kernel.apparmor_restrict_unprivileged_userns=0  (or install an AppArmor profile that allows userns for ${findBinary('bwrap') ?? '/usr/bin/bwrap'})`,
    );
  if (readSys('/proc/sys/kernel/unprivileged_userns_clone') === '0')
    return new SandboxUnavailableError(
      `unprivileged user namespaces are disabled (kernel.unprivileged_userns_clone=0): ${stderr}`,
      `${sudo}sysctl -w kernel.unprivileged_userns_clone=1`,
    );
  if (readSys('/proc/sys/user/max_user_namespaces') === '0')
    return new SandboxUnavailableError(`user namespaces are disabled (user.max_user_namespaces=0): ${stderr}`, `${sudo}sysctl -w user.max_user_namespaces=15000`);
  if (/Operation not permitted|No permissions|Permission denied/.test(stderr))
    return new SandboxUnavailableError(
      `this environment does not allow new namespaces (a container without user namespaces or CAP_SYS_ADMIN?): ${stderr}`,
      'run the container with `--security-opt seccomp=unconfined --security-opt apparmor=unconfined` (Docker) or give it user namespaces; or set "sandbox": {"allowWeaker": true} in fence.json to accept reduced isolation',
    );
  return new SandboxUnavailableError(`bubblewrap failed: ${stderr}`, 'run `fence doctor` for details');
}

let cached: LinuxTools | undefined;

/** Finds bwrap and socat and proves bwrap can build namespaces here, once per process. */
export function probeLinux(): LinuxTools {
  if (cached) return cached;
  // FENCE_BWRAP: a bubblewrap outside the usual dirs (and the tests' broken stand-ins). It comes from the
  // environment of the package manager, which no dependency can set.
  const bwrap = process.env.FENCE_BWRAP || findBinary('bwrap');
  const socat = findBinary('socat');
  const missing = [(!bwrap || !existsSync(bwrap)) && 'bubblewrap', !socat && 'socat'].filter(Boolean) as string[];
  if (missing.length)
    throw new SandboxUnavailableError(`${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not installed`, installCommand(missing));
  const r = spawnSync(
    bwrap!,
    ['--unshare-user', '--unshare-pid', '--unshare-net', '--unshare-ipc', '--unshare-uts', '--die-with-parent', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', '/bin/true'],
    { encoding: 'utf8', timeout: 10_000 },
  );
  if (r.status !== 0) throw explainNamespaceFailure((r.stderr || r.error?.message || `exit ${r.status}`).trim());
  cached = { bwrap: bwrap!, socat: socat! };
  return cached;
}
