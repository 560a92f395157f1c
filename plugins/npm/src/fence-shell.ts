/**
 * fence-shell's slow path, used where the shell fast path cannot run: macOS
 * (sandbox-exec, no /proc) and Linux without socat (fails closed with the fix).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import {
  ConfigError, SandboxUnavailableError, createHostResolver, createProxyServer, exitCodeOf, identifyNpmScript, installCommand,
  loadConfig, preloadPath, resolvePolicy, runMacos, sandboxEnv,
} from '@fence/core';

async function main(argv: string[]): Promise<number> {
  if (process.platform === 'linux') {
    const e = new SandboxUnavailableError('socat is not installed (fence-shell needs it to reach the session broker)', installCommand(['socat']));
    process.stderr.write(`${e.message}\n`);
    return 126;
  }
  if (process.platform !== 'darwin') {
    process.stderr.write(`fence: ${process.platform} is not supported; the script was not run (fence fails closed).\n`);
    return 126;
  }
  if (argv[0] !== '-c' || argv.length < 2) {
    process.stderr.write('fence-shell: expected -c "<script>"\n');
    return 2;
  }
  const { identity, projectRoot } = identifyNpmScript({ cwd: process.cwd(), env: process.env });
  let config;
  try {
    config = loadConfig({ projectRoot, env: process.env }).config;
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\nThe script was not run.\n`);
      return 2;
    }
    throw e;
  }
  const policy = resolvePolicy({ config, identity, cwd: process.cwd(), projectRoot, env: process.env });
  const server = createProxyServer(() => ({
    policy: policy.network,
    identity: { name: identity.name, version: identity.version, event: identity.event, kind: identity.kind },
    resolver: createHostResolver(),
    onRefusal: (ev) => process.stderr.write(`fence: refused ${ev.host}:${ev.port} (${ev.reason})\n`),
  }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const tmp = mkdtempSync(join(tmpdir(), 'fence-'));
  const env = sandboxEnv(policy, { proxy: true, preload: preloadPath() });
  for (const k of Object.keys(env)) if (env[k]?.startsWith('http://127.0.0.1:') || env[k]?.startsWith('socks5h://127.0.0.1:')) env[k] = env[k]!.replace(/:\d+$/, `:${port}`);
  env.TMPDIR = tmp;
  try {
    const child = runMacos({ policy, script: argv[1]!, args: argv.slice(2), proxyPort: port, tmpDir: tmp, env });
    return await new Promise<number>((resolve) => child.on('close', (c, s) => resolve(exitCodeOf(c, s))));
  } finally {
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main(process.argv.slice(2));
