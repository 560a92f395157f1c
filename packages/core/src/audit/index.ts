export { AUDIT_FD, TRACED_SYSCALLS, auditCommand } from './strace-command.js';
export { requireStrace } from './find-strace.js';
export { parseStrace, type SyscallRecord } from './parse-strace.js';
export { parseArg, splitArgs, unescapeC, type StraceArg } from './strace-args.js';
export { classifyAccesses } from './classify-access.js';
export { auditScope, fileEvents, readAuditFile } from './collect-audit.js';
export type { AuditScope, FileAccess, FileOperation, FileOutcome } from './file-access.js';
