import { readFileSync } from 'node:fs';

/**
 * True only inside a fence sandbox. The variable alone could be set by anyone, so
 * it must come with facts a caller outside cannot fake without really being in a
 * bubblewrap sandbox: pid 1 of our pid namespace is bwrap's init, and our proxy
 * socket dir exists.
 */
export function insideFenceSandbox(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.FENCE_SANDBOX !== '1') return false;
  try {
    const pid1 = readFileSync('/proc/1/cmdline', 'utf8').split('\0')[0] ?? '';
    return /(^|\/)bwrap$/.test(pid1);
  } catch {
    return false;
  }
}
