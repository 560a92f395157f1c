export type { ScriptEvent, ScriptPackage, Approvals, FoundPackage, ScriptManifest } from './types.js';
export { installEvents } from './install-events.js';
export { collectNpm } from './collect-npm.js';
export { collectPnpm } from './collect-pnpm.js';
export { approvalsFor } from './approvals.js';
export { policyFor } from './policy-summary.js';
export { collectScripts, type ScriptsReport } from './collect-scripts.js';
export { renderScripts } from './render-table.js';
