export { ensureBroker, brokerRequest, sweepStaleSessions, type EnsureBrokerOptions, type BrokerHandle } from './client.js';
export { startDaemon, registerScript, type BrokerApi, type BrokerHandler, type DaemonOptions, type RunningDaemon } from './daemon.js';
export { daemonOptionsFromEnv } from './daemon-options.js';
export { runtimeDir, ensurePrivateDir } from './runtime-dir.js';
export { sessionDir, sessionId, processStartTime, isSameProcess, CONTROL_SOCKET, LOG_PATH_FILE } from './session-key.js';
