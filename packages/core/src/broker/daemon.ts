import { rmSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { NetworkPolicy } from '../policy/types.js';
import { createHostResolver } from '../proxy/resolver.js';
import type { ProxyIdentity, ProxyTimeouts } from '../proxy/types.js';
import { openEventLog } from '../report/event-log.js';
import type { FenceEvent, NewEvent } from '../report/event-types.js';
import { createControlServer } from './control-server.js';
import { parseRegistration, ScriptProxies } from './script-proxies.js';
import { CONTROL_SOCKET, LOG_PATH_FILE, processStartTime } from './session-key.js';

/** What a handler may do inside the broker. */
export interface BrokerApi {
  readonly sessionDir: string;
  readonly session: string;
  readonly logPath: string;
  /** A proxy socket carrying this script's identity and allowlist. */
  register(identity: ProxyIdentity, network: NetworkPolicy): Promise<string>;
  log(ev: NewEvent): FenceEvent;
}

/** A pluggable op: returns the raw reply text (JSON line, or shell text for `socat` callers). */
export type BrokerHandler = (msg: Record<string, unknown>, api: BrokerApi) => Promise<string>;

export interface DaemonOptions {
  sessionDir: string;
  ownerPid: number;
  handlers?: Record<string, BrokerHandler>;
  /** Test-only name -> address map (FENCE_TEST_HOSTS); never from a script. */
  testHosts?: Record<string, string>;
  logDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Exit after this long without requests or open proxy connections (default 10 min). */
  idleMs?: number;
  /** How often to check the owner and the idle timer (default 500 ms). */
  pollMs?: number;
  timeouts?: ProxyTimeouts;
  onEvent?: (ev: FenceEvent) => void;
}

export interface RunningDaemon {
  api: BrokerApi;
  controlSocket: string;
  /** Settles once the daemon has stopped and removed its session dir. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** In-process registration for JS callers (and handlers). */
export function registerScript(api: BrokerApi, identity: ProxyIdentity, network: NetworkPolicy): Promise<string> {
  return api.register(identity, network);
}

function answersPing(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(socketPath);
    s.setTimeout(2000, () => s.destroy());
    let got = '';
    s.on('connect', () => s.write('{"op":"ping"}\n'));
    s.on('data', (d) => (got += d.toString()));
    s.on('error', () => resolve(false));
    s.on('close', () => resolve(got.includes('"ok":true')));
  });
}

function listenOnce(server: net.Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.removeListener('error', reject);
      resolve();
    });
  });
}

/** Listens on the control socket; a leftover of a crashed broker is replaced, a live broker is not. */
async function listenControl(server: net.Server, socketPath: string): Promise<void> {
  try {
    await listenOnce(server, socketPath);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
    if (await answersPing(socketPath)) throw new Error(`fence: a broker already serves ${socketPath}`);
    unlinkSync(socketPath);
    await listenOnce(server, socketPath);
  }
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { sessionDir, ownerPid } = options;
  const ownerStart = processStartTime(ownerPid);
  if (ownerStart === undefined) throw new Error(`fence: the owner process ${ownerPid} is not running`);
  const session = `${ownerPid}-${ownerStart}`;
  const log = openEventLog({ session, ownerPid, logDir: options.logDir, env: options.env, onEvent: options.onEvent });
  writeFileSync(path.join(sessionDir, LOG_PATH_FILE), `${log.path}\n`, { mode: 0o600 });

  let lastActivity = Date.now();
  let openConnections = 0;
  const touch = () => (lastActivity = Date.now());
  const proxies = new ScriptProxies({
    sessionDir,
    resolver: createHostResolver({ testHosts: options.testHosts }),
    log,
    timeouts: options.timeouts,
    onActivity: (delta) => {
      openConnections += delta;
      touch();
    },
  });
  const api: BrokerApi = {
    sessionDir,
    session,
    logPath: log.path,
    register: (identity, network) => proxies.register(identity, network),
    log: (ev) => log.write(ev),
  };

  let stop: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => (stop = resolve));
  let closing = false;
  const control = createControlServer(async (msg) => {
    const op = msg.op;
    if (op === 'ping') return `${JSON.stringify({ ok: true, session, pid: process.pid })}\n`;
    if (op === 'shutdown') {
      setImmediate(() => void close());
      return '{"ok":true}\n';
    }
    if (op === 'register') {
      const parsed = parseRegistration(msg);
      if (typeof parsed === 'string') return `${JSON.stringify({ ok: false, error: parsed })}\n`;
      return `${JSON.stringify({ ok: true, socket: await api.register(parsed.identity, parsed.network) })}\n`;
    }
    const handler = typeof op === 'string' && Object.hasOwn(options.handlers ?? {}, op) ? options.handlers![op] : undefined;
    if (!handler) return `${JSON.stringify({ ok: false, error: `unknown op ${JSON.stringify(op)}` })}\n`;
    return handler(msg, api);
  }, touch);
  const controlSocket = path.join(sessionDir, CONTROL_SOCKET);
  await listenControl(control, controlSocket);

  const idleMs = options.idleMs ?? 10 * 60_000;
  const timer = setInterval(() => {
    const ownerGone = processStartTime(ownerPid) !== ownerStart;
    const idle = openConnections === 0 && Date.now() - lastActivity > idleMs;
    if (ownerGone || idle) void close();
  }, options.pollMs ?? 500);

  async function close(): Promise<void> {
    if (closing) return closed;
    closing = true;
    clearInterval(timer);
    control.close();
    proxies.closeAll();
    rmSync(sessionDir, { recursive: true, force: true });
    stop();
    return closed;
  }

  return { api, controlSocket, closed, close };
}
