// Public API of @fence/core: load config, resolve the policy of a script, run a command sandboxed.
export type * from './config/types.js';
export type * from './policy/types.js';
export * from './config/index.js';
export * from './policy/index.js';
export * from './sandbox/index.js';
export * from './identity/index.js';
export { writeSeccompFile, buildSeccompFilter } from './sandbox/seccomp/index.js';
export { buildSeatbeltProfile, runMacos, macosArgv } from './sandbox/macos/index.js';
export { openLocalSession, type LocalSession, type SessionEvent } from './session/local-session.js';
export { fenceRoot, preloadPath, daemonScript, fenceShellPath, compiledShellPath, scriptShellPath, nestedShellPath, bridgeBinary, daemonCommand } from './session/fence-root.js';
export { insideFenceSandbox } from './session/inside-sandbox.js';
export * from './proxy/index.js';
export * from './broker/index.js';
export * from './report/index.js';
export { prepareScript, prepareFromPid, type PreparedScript, type PrepareInput } from './session/prepare-script.js';
export { ScriptLedger } from './session/script-ledger.js';
export { sessionHandlers } from './session/session-handlers.js';
export * from './audit/index.js';
