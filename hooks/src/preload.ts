/**
 * Entry of preload.cjs, injected into every sandboxed `node` with NODE_OPTIONS=--require. It must cost next to
 * nothing at start-up (no global-agent, no undici, not even `http`), so it only installs lazy stand-ins; the first
 * network use loads net.cjs and routes http, https and fetch through the sandbox's proxy. NODE_OPTIONS is left as
 * it is, so child `node` processes are covered too.
 */
import { createActivation } from './activation.js';
import { watchHttpRequires } from './builtin-load-hook.js';
import { createDebugLog } from './debug-log.js';
import { mainIsEsm } from './esm-main.js';
import { LazyFetch } from './lazy-fetch.js';
import { LazyHttp, type HttpLike } from './lazy-http.js';
import { readSandboxProxyEnv } from './sandbox-env.js';

// The bundle is CommonJS: these are the module's own, not globals.
declare const __dirname: string;
declare const require: (id: string) => unknown;

function installPreload(): void {
  const env = readSandboxProxyEnv(process.env);
  if (env === undefined) return;
  const log = createDebugLog(env.debug);
  let activate: (reason: string) => void = () => {};
  const http = new LazyHttp((reason) => activate(reason));
  const fetch = new LazyFetch((reason) => activate(reason));
  activate = createActivation({
    bundleDir: __dirname,
    proxyUrl: env.proxyUrl,
    noProxy: env.noProxy,
    http,
    fetch,
    log,
    load: require,
  });
  fetch.install();
  const bothPatched = () => http.isPatched('http') && http.isPatched('https');
  if (mainIsEsm(process.argv[1])) {
    log('ESM main: patching http/https now');
    http.patch('http', require('node:http') as HttpLike);
    http.patch('https', require('node:https') as HttpLike);
  } else {
    watchHttpRequires((name, mod) => http.patch(name, mod), bothPatched);
  }
  log('preload installed');
}

installPreload();
