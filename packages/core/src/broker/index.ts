export { ensureBroker, brokerRequest, sweepStaleSessions, type EnsureBrokerOptions, type BrokerHandle } from './client.js';
export { startDaemon, registerScript, CONTROL_SOCKET, type BrokerApi, type BrokerHandler, type DaemonOptions, type RunningDaemon } from './daemon.js';
export { daemonOptionsFromEnv } from './daemon-options.js';
export { runtimeDir, ensurePrivateDir } from './runtime-dir.js';
export { sessionDir, sessionId, processStartTime, isSameProcess } from './session-key.js';
