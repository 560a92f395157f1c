// The environment of an offline install in a test: the planted home, a private
// npm cache, node's local headers for node-gyp, and CI-style token variables.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { findNodeDir } from './node-headers.js';
import { TOKEN_ENV } from './secrets.js';

export interface EnvForOptions {
  /** npm cache directory; default `<home>/../npm-cache` (beside the home makeProject creates). */
  cacheDir?: string;
  /** Added last, overriding everything else. */
  extra?: NodeJS.ProcessEnv;
}

// Settings inherited from a surrounding `npm test` or the developer's shell would
// change how the install under test behaves (script-shell, registry, cache).
// CI too: in CI, Yarn and pnpm refuse to write lockfiles, and these installs are a developer's.
const INHERITED = /^(npm_|pnpm_|yarn_|INIT_CWD$|XDG_|NODE_OPTIONS$|FENCE_FIXTURE_|CI$|CONTINUOUS_INTEGRATION$|GITHUB_ACTIONS$)/i;
// The runner's own credentials stay out: attack fixtures record (and, plainly,
// send to a local server) whatever looks like one; only planted markers may.
const CREDENTIAL_LIKE = /TOKEN|SECRET|KEY|PASSWORD|AUTH|CREDENTIAL|AWS_/i;

export function envFor(home: string, options: EnvForOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!INHERITED.test(k) && !CREDENTIAL_LIKE.test(k)) env[k] = v;

  const cacheDir = options.cacheDir ?? path.join(path.dirname(home), 'npm-cache');
  mkdirSync(cacheDir, { recursive: true });
  const nodeDir = findNodeDir();

  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_STATE_HOME: path.join(home, '.local', 'state'),
    npm_config_cache: cacheDir,
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_IMMUTABLE_INSTALLS: 'false',
    YARN_ENABLE_GLOBAL_CACHE: 'false',
    ...(nodeDir ? { npm_config_nodedir: nodeDir } : {}),
    ...TOKEN_ENV,
  });
  return { ...env, ...options.extra };
}
