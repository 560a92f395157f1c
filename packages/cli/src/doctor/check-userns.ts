import { existsSync } from 'node:fs';
import type { CheckResult } from './check-result.js';
import { detectContainer, hasSysAdmin, procStatusField, readProcValue } from './read-proc.js';

/** The kernel switches that decide whether an unprivileged user may create namespaces. */
export function checkUserNamespaces(read = readProcValue): CheckResult {
  const sudo = process.getuid?.() === 0 ? '' : 'sudo ';
  const clone = read('/proc/sys/kernel/unprivileged_userns_clone');
  const max = read('/proc/sys/user/max_user_namespaces');
  const apparmor = read('/proc/sys/kernel/apparmor_restrict_unprivileged_userns');
  const container = detectContainer(existsSync);
  const sysAdmin = hasSysAdmin(procStatusField('CapEff'));
  const facts = [
    `unprivileged_userns_clone=${clone ?? 'n/a'}`,
    `max_user_namespaces=${max ?? 'n/a'}`,
    `apparmor_restrict_unprivileged_userns=${apparmor ?? 'n/a'}`,
    `container: ${container ?? 'none detected'}`,
    `CAP_SYS_ADMIN: ${sysAdmin ? 'yes' : 'no'}`,
  ].join(', ');
  const base = { id: 'userns', title: 'unprivileged user namespaces', required: true, detail: facts };
  if (clone === '0') return { ...base, status: 'fail', fix: `${sudo}sysctl -w kernel.unprivileged_userns_clone=1` };
  if (max === '0') return { ...base, status: 'fail', fix: `${sudo}sysctl -w user.max_user_namespaces=15000` };
  if (apparmor === '1' && !sysAdmin)
    return {
      ...base,
      status: 'fail',
      fix: `${sudo}sysctl -w kernel.apparmor_restrict_unprivileged_userns=0  (or an AppArmor profile allowing userns for bwrap)`,
    };
  return { ...base, status: 'ok' };
}
