import { SandboxUnavailableError } from '../sandbox/errors.js';
import { findBinary } from '../sandbox/linux/find-binary.js';
import { installCommand } from '../sandbox/linux/install-hint.js';

/**
 * The strace binary for audit mode. Missing strace stops the script (the callers
 * already turn SandboxUnavailableError into "not run" + fix): an audit that silently
 * recorded nothing would read as "nothing was refused".
 */
export function requireStrace(envPath?: string): string {
  const found = findBinary('strace', envPath);
  if (!found)
    throw new SandboxUnavailableError(
      'audit mode needs strace, which is not installed',
      `${installCommand(['strace'])}, or run without audit (drop --audit, FENCE_AUDIT=1 or "sandbox": {"audit": true})`,
    );
  return found;
}
