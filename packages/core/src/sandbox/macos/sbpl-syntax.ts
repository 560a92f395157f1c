/**
 * Writing values into SBPL (Seatbelt's Scheme dialect) safely: string literals,
 * regex literals and glob translation. Everything that reaches a profile from a
 * policy path goes through here.
 */

/** A Scheme string literal. Control characters are refused: no path needs them, and a newline could smuggle in rules. */
export function sbplString(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    throw new Error(`fence: path with a control character cannot go into a Seatbelt profile: ${JSON.stringify(value)}`);
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const REGEX_SPECIAL = /[.^$*+?()[\]{}|\\]/g;

/** Escapes text so the regex matches it literally. */
export function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIAL, '\\$&');
}

/**
 * Only `*` and `?` make a policy path a glob. Paths reach us already expanded,
 * so brackets, braces and `!` are far more likely to be part of a real directory
 * name ("[work]", "it's!") than pattern syntax; inside a glob they are syntax.
 */
export function isGlobPath(p: string): boolean {
  return p.includes('*') || p.includes('?');
}

/**
 * Translates a glob into the body of a POSIX extended regex (Seatbelt's flavour,
 * no lookarounds): `**` crosses directories, `*` and `?` do not, `[...]` and
 * `{a,b}` keep their glob meaning.
 */
export function globToRegex(glob: string): string {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const slashAfter = glob[i + 2] === '/';
        // `**/` also matches zero directories.
        out += slashAfter ? '(.*/)?' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        out += '[^/]*';
      }
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, end);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      // Inside a bracket only backslash is special to us; `]` cannot occur (we stopped at the first).
      out += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\')}]`;
      i = end;
    } else if (c === '{') {
      braces++;
      out += '(';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) {
      out += '|';
    } else {
      out += escapeRegex(c);
    }
  }
  if (braces > 0) throw new Error(`fence: unbalanced braces in glob ${glob}`);
  return out;
}
