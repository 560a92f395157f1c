import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  brokerRequest,
  daemonCommand,
  ensureBroker,
  LOG_PATH_FILE,
  runtimeDir,
  sessionDir,
  sessionId,
  type NetworkPolicy,
  type NewEvent,
  type ScriptIdentity,
} from '@fence/core';

/**
 * The install session of this Yarn process: one broker (packages/core's session daemon,
 * the same one npm's fence-shell talks to) owned by Yarn's pid, shared by every script
 * and by the node-gyp shim's fence-shell.
 */
export class SessionBroker {
  private handle?: Promise<{ controlSocket: string; sessionDir: string }>;

  constructor(
    private readonly root: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  private broker() {
    // One ensureBroker per Yarn process; a failed start is retried by the next script.
    this.handle ??= ensureBroker({ ownerPid: process.pid, env: this.env, daemonCommand: daemonCommand(this.root) }).catch((e: unknown) => {
      this.handle = undefined;
      throw e;
    });
    return this.handle;
  }

  /** A proxy socket judged by this script's identity and allowlist. */
  async register(identity: ScriptIdentity, network: NetworkPolicy): Promise<{ socket: string; sessionDir: string }> {
    const { controlSocket, sessionDir: dir } = await this.broker();
    const msg = { op: 'register', identity: { name: identity.name, version: identity.version, event: identity.event, kind: identity.kind }, network };
    const reply = JSON.parse(await brokerRequest(controlSocket, msg)) as { ok?: boolean; socket?: string; error?: string };
    if (!reply.ok || !reply.socket) throw new Error(`fence: the session broker refused to register the script: ${reply.error ?? 'no socket'}`);
    return { socket: reply.socket, sessionDir: dir };
  }

  /** Appends an event to the session log in the broker's format (one O_APPEND write per line). */
  async log(ev: NewEvent): Promise<void> {
    try {
      const { sessionDir: dir } = await this.broker();
      const file = logPathOf(dir);
      if (!file) return;
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      const line = { time: new Date().toISOString(), session: sessionId(process.pid), ...ev };
      appendFileSync(file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
    } catch {
      // Logging is best effort: a full disk must not fail an install.
    }
  }
}

/** The session log of a session dir (the broker writes its path into `log-path`). */
export function logPathOf(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, LOG_PATH_FILE), 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

/** This Yarn process's session log, if a broker ever ran for it (no broker is started here). */
export function currentLogPath(env: NodeJS.ProcessEnv = process.env): string | undefined {
  try {
    return logPathOf(sessionDir(runtimeDir(env), process.pid));
  } catch {
    return undefined;
  }
}
