import { AUDIT_ARCH_AARCH64, AUDIT_ARCH_X86_64 } from './seccomp-abi.js';
import { SYSCALLS_AARCH64 } from './syscalls-aarch64.js';
import { SYSCALLS_X86_64 } from './syscalls-x86_64.js';

export type SyscallName = keyof typeof SYSCALLS_X86_64;
export type SyscallTable = Readonly<Record<SyscallName, number>>;

export interface SeccompArch {
  auditArch: number;
  syscalls: SyscallTable;
  /** x86-64 only: the x32 ABI shares the audit arch, so its numbers need their own check. */
  hasX32: boolean;
}

const ARCHES: Partial<Record<NodeJS.Architecture, SeccompArch>> = {
  x64: { auditArch: AUDIT_ARCH_X86_64, syscalls: SYSCALLS_X86_64, hasX32: true },
  arm64: { auditArch: AUDIT_ARCH_AARCH64, syscalls: SYSCALLS_AARCH64, hasX32: false },
};

export const SUPPORTED_ARCHES = Object.keys(ARCHES) as NodeJS.Architecture[];

export function seccompArch(arch: NodeJS.Architecture): SeccompArch {
  const found = ARCHES[arch];
  if (!found) {
    throw new Error(`fence: no seccomp filter for CPU architecture "${arch}" (supported: ${SUPPORTED_ARCHES.join(', ')})`);
  }
  return found;
}
