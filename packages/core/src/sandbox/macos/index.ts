export { buildSeatbeltProfile, type SeatbeltOptions } from './build-profile.js';
export { macosArgv, runMacos, SANDBOX_EXEC, type MacosRunOptions } from './run-macos.js';
export { MACH_SERVICES } from './mach-services.js';
export { escapeRegex, globToRegex, isGlobPath, sbplString } from './sbpl-syntax.js';
