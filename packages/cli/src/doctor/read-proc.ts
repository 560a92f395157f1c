import { readFileSync } from 'node:fs';

/** A /proc or /sys value, trimmed; undefined when absent (the kernel lacks the knob). */
export function readProcValue(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** One `Field:\tvalue` line of /proc/self/status. */
export function procStatusField(field: string, status = readProcValue('/proc/self/status')): string | undefined {
  return status?.split('\n').find((l) => l.startsWith(`${field}:`))?.slice(field.length + 1).trim();
}

const CAP_SYS_ADMIN = 21n;

/** Whether the effective capability set (hex CapEff) holds CAP_SYS_ADMIN. */
export function hasSysAdmin(capEff: string | undefined): boolean {
  if (!capEff || !/^[0-9a-f]+$/i.test(capEff)) return false;
  return ((BigInt(`0x${capEff}`) >> CAP_SYS_ADMIN) & 1n) === 1n;
}

/** How we are contained, if we can tell: docker, podman, or a cgroup path that names one. */
export function detectContainer(exists: (p: string) => boolean, cgroup = readProcValue('/proc/1/cgroup') ?? ''): string | undefined {
  if (exists('/.dockerenv')) return 'docker (/.dockerenv)';
  if (exists('/run/.containerenv')) return 'podman (/run/.containerenv)';
  const m = /(docker|kubepods|containerd|lxc|libpod)/.exec(cgroup);
  return m ? `${m[1]} (/proc/1/cgroup)` : undefined;
}
