import type { DaemonOptions } from './daemon.js';

/** Reads the daemon's command line and environment (see daemon-main.ts). */
export function daemonOptionsFromEnv(argv: string[], env: NodeJS.ProcessEnv): DaemonOptions {
  const [sessionDir, ownerArg] = argv;
  const ownerPid = Number(ownerArg);
  if (!sessionDir || !Number.isInteger(ownerPid) || ownerPid <= 0) {
    throw new Error('usage: daemon-main.js <sessionDir> <ownerPid>');
  }
  const options: DaemonOptions = { sessionDir, ownerPid, env };
  if (env.FENCE_TEST_HOSTS) {
    const map: unknown = JSON.parse(env.FENCE_TEST_HOSTS);
    if (!map || typeof map !== 'object' || Object.values(map).some((v) => typeof v !== 'string')) {
      throw new Error('FENCE_TEST_HOSTS must be a JSON object of name -> IP address');
    }
    options.testHosts = map as Record<string, string>;
  }
  if (env.FENCE_LOG_DIR) options.logDir = env.FENCE_LOG_DIR;
  if (env.FENCE_BROKER_IDLE_MS) {
    const idle = Number(env.FENCE_BROKER_IDLE_MS);
    if (Number.isFinite(idle) && idle > 0) options.idleMs = idle;
  }
  if (env.FENCE_PROXY_HEADER_MS) {
    const ms = Number(env.FENCE_PROXY_HEADER_MS);
    if (Number.isFinite(ms) && ms > 0) options.timeouts = { headerMs: ms };
  }
  return options;
}
