import { parseArg, splitArgs, type StraceArg } from './strace-args.js';

/** One finished syscall from an `strace -f -y` log. */
export interface SyscallRecord {
  pid: number;
  name: string;
  args: StraceArg[];
  /** Return value; undefined when strace could not tell (`= ?`). */
  result?: number;
  /** `EROFS`, `ENOENT`, ... when the call failed. */
  errno?: string;
}

const LINE = /^(\d+)\s+(.*)$/;
const CALL = /^([a-z0-9_]+)\((.*)$/;
const UNFINISHED = ' <unfinished ...>';
const RESUMED = /^<\.\.\. ([a-z0-9_]+) resumed>(.*)$/;
// The result sits after the last `) = `: a return value, an optional `<path>` decoration, an errno name.
const RESULT = /^\s*=\s*(-?\d+|\?|0x[0-9a-f]+)(?:<.*?>)?(?:\s+([A-Z][A-Z0-9_]*)\s+\(.*\))?.*$/;

function finish(pid: number, name: string, rest: string): SyscallRecord | undefined {
  const end = rest.lastIndexOf(') =');
  if (end < 0) return undefined;
  const m = RESULT.exec(rest.slice(end + 1));
  if (!m) return undefined;
  const result = m[1] === '?' ? undefined : Number(m[1]);
  return { pid, name, args: splitArgs(rest.slice(0, end)).map(parseArg), result, errno: m[2] };
}

/**
 * Parses strace output. Calls interrupted by another process (`<unfinished ...>`)
 * are joined with their `<... name resumed>` line; anything unrecognised is skipped.
 */
export function parseStrace(text: string): SyscallRecord[] {
  const out: SyscallRecord[] = [];
  const pending = new Map<number, { name: string; head: string }>();
  for (const line of text.split('\n')) {
    const lm = LINE.exec(line);
    if (!lm) continue;
    const pid = Number(lm[1]);
    const body = lm[2]!;
    const resumed = RESUMED.exec(body);
    if (resumed) {
      const p = pending.get(pid);
      pending.delete(pid);
      if (!p || p.name !== resumed[1]) continue;
      const rec = finish(pid, p.name, p.head + resumed[2]!);
      if (rec) out.push(rec);
      continue;
    }
    const call = CALL.exec(body);
    if (!call) continue;
    if (body.endsWith(UNFINISHED)) {
      pending.set(pid, { name: call[1]!, head: call[2]!.slice(0, -UNFINISHED.length) });
      continue;
    }
    const rec = finish(pid, call[1]!, call[2]!);
    if (rec) out.push(rec);
  }
  return out;
}
