export type { CheckResult } from './check-result.js';
export { runDoctor, type DoctorReport } from './run-doctor.js';
export { formatDoctor } from './format-doctor.js';
export { checkWiring } from './check-wiring.js';
export { checkUserNamespaces } from './check-userns.js';
export { hasSysAdmin, detectContainer, procStatusField, readProcValue } from './read-proc.js';
