export { DoctorCommand } from './doctor.js';
export { InitNpmCommand } from './init/npm.js';
export { InitPnpmCommand } from './init/pnpm.js';
export { InitYarnCommand } from './init/yarn.js';
export { ScriptsCommand } from './scripts.js';
export { ReportCommand } from './report.js';
