/** One argument of a strace line: a path string, a directory fd with its path (`-y`), or anything else. */
export type StraceArg =
  | { kind: 'string'; value: string }
  | { kind: 'dirfd'; path: string; atCwd: boolean }
  | { kind: 'raw'; text: string };

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', f: '\f', '"': '"', '\\': '\\' };

/** Undoes strace's C-style quoting (`\"`, `\\`, `\n`, `\x41`, `\101`), byte-exact for UTF-8 names. */
export function unescapeC(body: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const n = body[++i] ?? '';
    if (n === 'x') {
      bytes.push(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))![0];
      bytes.push(parseInt(oct, 8));
      i += oct.length - 1;
    } else bytes.push(...Buffer.from(SIMPLE_ESCAPES[n] ?? n, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** Splits an argument list at top-level commas (not inside quotes, braces, brackets or `<path>` decorations). */
export function splitArgs(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{' || c === '[' || c === '<') depth++;
    else if ((c === '}' || c === ']' || c === '>') && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last || out.length) out.push(last);
  return out;
}

/** Reads one argument; a string truncated by strace (`"..."...`) keeps what was shown. */
export function parseArg(raw: string): StraceArg {
  const str = /^"((?:[^"\\]|\\.)*)"(?:\.\.\.)?$/.exec(raw);
  if (str) return { kind: 'string', value: unescapeC(str[1]!) };
  const fd = /^(AT_FDCWD|-?\d+)<(.*)>$/.exec(raw);
  if (fd) return { kind: 'dirfd', path: unescapeC(fd[2]!), atCwd: fd[1] === 'AT_FDCWD' };
  return { kind: 'raw', text: raw };
}
