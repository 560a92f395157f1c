// The environment of one offline install: private HOME and XDG dirs, the shared
// warm npm cache, node's local headers, nothing inherited from a surrounding npm.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { nodeDir } from './paths.mjs';

const INHERITED = /^(npm_|pnpm_|yarn_|INIT_CWD$|XDG_|NODE_OPTIONS$|FENCE_|COREPACK_)/i;
const CREDENTIAL_LIKE = /TOKEN|SECRET|KEY|PASSWORD|AUTH|CREDENTIAL|AWS_/i;

/** @param {{ home: string, cache: string, store?: string, extra?: Record<string,string> }} o */
export function pmEnv({ home, cache, store, extra = {} }) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) if (!INHERITED.test(k) && !CREDENTIAL_LIKE.test(k)) env[k] = v;
  for (const d of ['.config', '.cache', '.local/share', '.local/state']) mkdirSync(path.join(home, d), { recursive: true });
  const dir = nodeDir();
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local/share'),
    XDG_STATE_HOME: path.join(home, '.local/state'),
    npm_config_cache: cache,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_loglevel: 'error',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    CI: '',
    COREPACK_ENABLE_STRICT: '0',
    ...(store ? { npm_config_store_dir: store } : {}),
    ...(dir ? { npm_config_nodedir: dir } : {}),
    ...extra,
  });
  return env;
}
