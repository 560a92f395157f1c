// Resident memory of a process from /proc, and the pid of this session's broker.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { CORE_DIST } from './paths.mjs';

/** { hwmMiB, rssMiB } from /proc/<pid>/status (VmHWM = peak resident set), or null when gone. */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
    // A zombie (exited, not yet reaped) has no memory lines any more.
    if (Number.isNaN(kb('VmHWM'))) return null;
    return { hwmMiB: Math.round((kb('VmHWM') / 1024) * 10) / 10, rssMiB: Math.round((kb('VmRSS') / 1024) * 10) / 10 };
  } catch {
    return null;
  }
}

/** The pid of the broker whose session this process owns (asked over its control socket). */
export async function brokerPid(env = process.env) {
  const core = await import(CORE_DIST);
  const sock = path.join(core.sessionDir(core.runtimeDir(env), process.pid), core.CONTROL_SOCKET);
  const line = await new Promise((resolve, reject) => {
    const s = net.connect(sock);
    let buf = '';
    const timer = setTimeout(() => s.destroy(new Error('broker did not answer ping')), 10_000);
    s.on('connect', () => s.write('{"op":"ping"}\n'));
    s.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) (clearTimeout(timer), s.end(), resolve(buf.split('\n')[0]));
    });
    s.on('error', (e) => (clearTimeout(timer), reject(e)));
  });
  const pid = JSON.parse(line).pid;
  if (!Number.isInteger(pid)) throw new Error(`unexpected ping answer: ${line}`);
  return pid;
}
