import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROKER_NODE_FLAGS } from './node-flags.js';
import { ensurePrivateDir, runtimeDir as defaultRuntimeDir } from './runtime-dir.js';
import { CONTROL_SOCKET, isSameProcess, parseSessionName, processStartTime, SESSION_PREFIX, sessionDir as sessionDirOf } from './session-key.js';

export interface EnsureBrokerOptions {
  /** The package manager's pid: the session lives as long as it does. */
  ownerPid: number;
  /** Environment for the broker (FENCE_TEST_HOSTS, FENCE_LOG_DIR, ...); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Path of daemon-main.js; default the compiled one next to this file. */
  daemonScript?: string;
  /** Full command to start the daemon (wins over daemonScript); `<sessionDir> <ownerPid>` are appended. */
  daemonCommand?: string[];
  runtimeDir?: string;
  /** How long to wait for a broker to answer (default 15 s). */
  timeoutMs?: number;
  /**
   * Become the broker in this process instead of spawning one (the broker entry's `--ensure`
   * mode, started by the compiled fence-shell): resolves once it listens.
   */
  startHere?: (sessionDir: string) => Promise<void>;
}

export interface BrokerHandle {
  controlSocket: string;
  sessionDir: string;
}

/** Sends one request line and resolves with the whole reply (the broker ends the connection). */
export function brokerRequest(controlSocket: string, msg: object | string, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(controlSocket);
    const chunks: Buffer[] = [];
    s.setTimeout(timeoutMs, () => s.destroy(new Error(`fence: broker at ${controlSocket} did not answer`)));
    s.on('connect', () => s.end(`${typeof msg === 'string' ? msg : JSON.stringify(msg)}\n`));
    s.on('data', (d) => chunks.push(d));
    s.on('error', reject);
    s.on('close', (hadError) => {
      if (!hadError) resolve(Buffer.concat(chunks).toString('utf8'));
    });
  });
}

/**
 * `ok`: a broker answers. `dead`: nothing listens (no socket, refused): leftovers may go.
 * `busy`: something is there but slow (a loaded machine): never treat it as stale.
 */
type Probe = 'ok' | 'dead' | 'busy';

async function probe(controlSocket: string): Promise<Probe> {
  try {
    return JSON.parse(await brokerRequest(controlSocket, { op: 'ping' }, 5000)).ok === true ? 'ok' : 'busy';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'ENOTSOCK' ? 'dead' : 'busy';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The environment the broker gets: only what it uses, not the caller's secrets; and two
 * malloc arenas, enough for its few threads (measured ~2.5 MiB less RSS under load).
 */
function brokerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const keep = /^(FENCE_|XDG_|HOME$|PATH$|LANG$|LC_|TZ$|TMPDIR$)/;
  return { ...Object.fromEntries(Object.entries(env).filter(([k]) => keep.test(k))), MALLOC_ARENA_MAX: '2' };
}

/** Removes session dirs whose owner process has ended (left by a crashed broker). */
export function sweepStaleSessions(runtimeDir: string): void {
  let names: string[];
  try {
    names = readdirSync(runtimeDir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(SESSION_PREFIX)) continue;
    const key = parseSessionName(name);
    if (key && !isSameProcess(key.pid, key.start)) rmSync(path.join(runtimeDir, name), { recursive: true, force: true });
  }
}

/** Takes the start lock (O_EXCL); a lock left by a dead starter is broken. */
function tryLock(lockPath: string): boolean {
  const me = `${process.pid} ${processStartTime(process.pid) ?? '0'}\n`;
  try {
    const fd = openSync(lockPath, 'wx', 0o600);
    writeSync(fd, me);
    closeSync(fd);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  try {
    const [pid, start] = readFileSync(lockPath, 'utf8').trim().split(' ');
    if (pid && start && !isSameProcess(Number(pid), start)) unlinkSync(lockPath);
  } catch {
    // Raced with its owner removing it: try again next round.
  }
  return false;
}

/** Spawns the broker; settles when it says it listens (a line on its stdout) or goes away. */
function startDaemonProcess(command: string[], dir: string, ownerPid: number, env: NodeJS.ProcessEnv): Promise<void> {
  const [exe, ...args] = command as [string, ...string[]];
  // Detached: its own session and process group, so nothing aimed at the install's terminal or group reaches it.
  const child = spawn(exe, [...args, dir, String(ownerPid)], { detached: true, stdio: ['ignore', 'pipe', 'ignore'], env: brokerEnv(env) });
  child.unref();
  return new Promise((resolve) => {
    const done = () => {
      child.stdout?.destroy();
      resolve();
    };
    child.on('error', done);
    child.stdout?.once('data', done);
    child.stdout?.once('close', done);
  });
}

/**
 * Finds the broker of this install session or starts it. Many scripts may call this at once:
 * one O_EXCL lock file decides who starts the broker, the others wait until it answers ping.
 */
export async function ensureBroker(options: EnsureBrokerOptions): Promise<BrokerHandle> {
  const env = options.env ?? process.env;
  const rt = options.runtimeDir ? ensurePrivateDir(options.runtimeDir) : defaultRuntimeDir(env);
  const dir = sessionDirOf(rt, options.ownerPid);
  const controlSocket = path.join(dir, CONTROL_SOCKET);
  if ((await probe(controlSocket)) === 'ok') return { controlSocket, sessionDir: dir };
  const command = options.daemonCommand ?? [
    process.execPath,
    ...BROKER_NODE_FLAGS,
    options.daemonScript ?? fileURLToPath(new URL('./daemon-main.js', import.meta.url)),
  ];
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  const lockPath = path.join(rt, `${path.basename(dir)}.lock`);
  let wait = 10;
  while (Date.now() < deadline) {
    if (tryLock(lockPath)) {
      let started = false;
      try {
        const state = await probe(controlSocket);
        if (state === 'ok') return { controlSocket, sessionDir: dir };
        // 'busy': a broker is there but slow; release the lock and wait for it like everyone else.
        if (state === 'dead') {
          started = true;
          sweepStaleSessions(rt);
          // Whatever is left here belongs to a broker that no longer answers.
          rmSync(dir, { recursive: true, force: true });
          ensurePrivateDir(dir);
          if (options.startHere) {
            await options.startHere(dir);
            return { controlSocket, sessionDir: dir };
          }
          // Woken by the broker's "listening" line; polling covers a broker that never says it.
          let ready: Promise<void> | undefined = startDaemonProcess(command, dir, options.ownerPid, env).then(() => {
            ready = undefined;
          });
          while (Date.now() < deadline) {
            if ((await probe(controlSocket)) === 'ok') return { controlSocket, sessionDir: dir };
            await (ready ? Promise.race([sleep(wait), ready]) : sleep(wait));
            wait = Math.min(wait * 2, 100);
          }
        }
      } finally {
        try {
          unlinkSync(lockPath);
        } catch {
          // Already gone.
        }
      }
      if (started) break;
    }
    await sleep(wait);
    wait = Math.min(wait * 2, 100);
    if ((await probe(controlSocket)) === 'ok') return { controlSocket, sessionDir: dir };
  }
  throw new Error(`fence: the network broker for process ${options.ownerPid} did not start within ${options.timeoutMs ?? 15_000} ms`);
}
