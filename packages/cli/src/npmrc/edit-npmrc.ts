/**
 * Line-level edits of an .npmrc (ini): only the `script-shell` lines are touched,
 * every other byte (comments, tokens, odd spacing, CRLF) stays as it was.
 */

export const SCRIPT_SHELL_KEY = 'script-shell';

export interface NpmrcEdit {
  text: string;
  changed: boolean;
  /** Script-shell values that were replaced (set) or left alone (remove). */
  others: string[];
}

interface Line {
  raw: string;
  /** The value when this is an active `script-shell = value` line. */
  shell?: string;
}

function splitLines(text: string): Line[] {
  return text
    .split(/(?<=\n)/)
    .filter((raw) => raw !== '')
    .map((raw) => {
      const body = raw.replace(/\r?\n$/, '').trim();
      if (body.startsWith('#') || body.startsWith(';')) return { raw };
      const eq = body.indexOf('=');
      if (eq < 0 || body.slice(0, eq).trim() !== SCRIPT_SHELL_KEY) return { raw };
      return { raw, shell: unquote(body.slice(eq + 1).trim()) };
    });
}

function unquote(v: string): string {
  return /^(['"]).*\1$/.test(v) ? v.slice(1, -1) : v;
}

/** The active script-shell of an .npmrc text (ini: the last one wins). */
export function readScriptShell(text: string | undefined): string | undefined {
  return splitLines(text ?? '').filter((l) => l.shell !== undefined).pop()?.shell;
}

/** Sets `script-shell=<shell>`, replacing any other script-shell lines (a later duplicate would win over ours). */
export function setScriptShell(text: string | undefined, shell: string): NpmrcEdit {
  const before = text ?? '';
  const eol = before.includes('\r\n') ? '\r\n' : '\n';
  const ours = `${SCRIPT_SHELL_KEY}=${shell}`;
  const lines = splitLines(before);
  const others = lines.filter((l) => l.shell !== undefined && l.shell !== shell).map((l) => l.shell!);
  const out: string[] = [];
  let placed = false;
  for (const l of lines) {
    if (l.shell === undefined) out.push(l.raw);
    else if (!placed) {
      // Keep the original line when it already says exactly this.
      out.push(l.shell === shell ? l.raw : `${ours}${l.raw.endsWith('\n') ? eol : ''}`);
      placed = true;
    }
  }
  if (!placed) {
    // Before any [section]: a key appended after one would belong to that section.
    const section = out.findIndex((raw) => raw.trim().startsWith('['));
    const at = section < 0 ? out.length : section;
    if (at > 0 && !out[at - 1]!.endsWith('\n')) out[at - 1] += eol;
    out.splice(at, 0, ours + eol);
  }
  const after = out.join('');
  return { text: after, changed: after !== before, others };
}

/** Removes the script-shell lines that `isOurs` accepts; any other script-shell stays. */
export function removeScriptShell(text: string | undefined, isOurs: (shell: string) => boolean): NpmrcEdit {
  const before = text ?? '';
  const lines = splitLines(before);
  const keep = lines.filter((l) => l.shell === undefined || !isOurs(l.shell));
  const after = keep.map((l) => l.raw).join('');
  const others = keep.filter((l) => l.shell !== undefined).map((l) => l.shell!);
  return { text: after, changed: after !== before, others };
}
