export { preloadBundlePath, preloadNodeOption } from './bundle-paths.js';
export { DEBUG_ENV, NO_PROXY_ENV, PROXY_ENV, readSandboxProxyEnv, type SandboxProxyEnv } from './sandbox-env.js';
