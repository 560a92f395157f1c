import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SandboxPolicy } from '../policy/types.js';
import { BRIDGE_PORT } from './linux/inner-script.js';

export interface SandboxEnvOptions {
  /** A proxy endpoint exists for this script (always, unless the caller runs without one). */
  proxy: boolean;
  /** Absolute path of the Node preload (hooks/bundle/preload.cjs), if available. */
  preload?: string;
  /** NODE_OPTIONS of the caller: only Yarn PnP's own loader entries survive. */
  callerNodeOptions?: string;
}

/** Keeps `--require <root>/.pnp.cjs` and `--experimental-loader <root>/.pnp.loader.mjs`; drops everything else. */
export function keepPnpNodeOptions(raw: string | undefined, projectRoot: string): string[] {
  if (!raw) return [];
  const words = raw.match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const flag = w.split('=')[0];
    if (flag !== '--require' && flag !== '-r' && flag !== '--experimental-loader' && flag !== '--loader') continue;
    const val = (w.includes('=') ? w.slice(w.indexOf('=') + 1) : words[++i] ?? '').replace(/^"|"$/g, '');
    const clean = val.replace(/^file:\/\//, '');
    if (clean.startsWith(projectRoot + '/') && /\/\.pnp\.(c?js|loader\.mjs)$/.test(clean)) out.push(`${flag} ${JSON.stringify(val)}`);
  }
  return out;
}

/** The full environment inside the sandbox: the filtered variables plus proxy routing. */
export function sandboxEnv(policy: SandboxPolicy, opts: SandboxEnvOptions): Record<string, string> {
  const env: Record<string, string> = { ...policy.env, TMPDIR: '/tmp', TMP: '/tmp', TEMP: '/tmp', FENCE_SANDBOX: '1' };
  if (!env.PATH) env.PATH = '/usr/local/bin:/usr/bin:/bin';
  // node-gyp would download headers into an empty stand-in home; Node's own headers make that unnecessary.
  const prefix = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(prefix, 'include/node/common.gypi'))) env.npm_config_nodedir = prefix;
  if (opts.proxy) {
    const http = `http://127.0.0.1:${BRIDGE_PORT}`;
    const socks = `socks5h://127.0.0.1:${BRIDGE_PORT}`;
    Object.assign(env, {
      HTTP_PROXY: http, HTTPS_PROXY: http, http_proxy: http, https_proxy: http,
      ALL_PROXY: socks, all_proxy: socks,
      NO_PROXY: 'localhost,127.0.0.1,::1', no_proxy: 'localhost,127.0.0.1,::1',
      npm_config_proxy: http, npm_config_https_proxy: http,
      YARN_HTTP_PROXY: http, YARN_HTTPS_PROXY: http,
      PIP_PROXY: http, CARGO_HTTP_PROXY: http, GIT_HTTP_PROXY: http,
      GLOBAL_AGENT_HTTP_PROXY: http, FENCE_SANDBOX_PROXY: http,
    });
  }
  const nodeOptions = [
    ...keepPnpNodeOptions(opts.callerNodeOptions, policy.projectRoot),
    ...(opts.preload ? [`--require ${JSON.stringify(opts.preload)}`] : []),
  ];
  if (nodeOptions.length) env.NODE_OPTIONS = nodeOptions.join(' ');
  return env;
}
