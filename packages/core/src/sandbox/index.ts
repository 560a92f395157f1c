export { prepareLaunch, runLaunch, launchToShell, exitCodeOf, SECCOMP_FD, type LaunchOptions, type LaunchSpec } from './launch.js';
export { SandboxUnavailableError } from './errors.js';
export { probeLinux, explainNamespaceFailure } from './linux/probe.js';
export { findBinary } from './linux/find-binary.js';
export { installCommand } from './linux/install-hint.js';
export { sandboxEnv, keepPnpNodeOptions } from './sandbox-env.js';
export { BRIDGE_PORT } from './linux/inner-script.js';
export { shellQuote } from './shell-quote.js';
export { weakerLaunch, WEAKER_LOSSES } from './weaker-launch.js';
