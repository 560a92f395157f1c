export { buildSeccompFilter, DENIED_SYSCALLS, type SeccompOptions } from './build-filter.js';
export { writeSeccompFile } from './write-filter-file.js';
export { seccompArch, SUPPORTED_ARCHES, type SeccompArch, type SyscallName, type SyscallTable } from './arch.js';
export { decodeProgram, encodeProgram, type BpfInstruction } from './bpf.js';
export { SYSCALLS_X86_64 } from './syscalls-x86_64.js';
export { SYSCALLS_AARCH64 } from './syscalls-aarch64.js';
