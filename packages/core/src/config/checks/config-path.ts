import type { CheckResult } from './check-result.js';

/** Checks a filesystem path entry: `~`, `.`, `$PKG`, absolute or relative, globs allowed. */
export function checkConfigPath(value: string): CheckResult {
  if (value.trim() === '') return { problem: 'is empty.', fix: 'remove it or write a path like "./build" or "~/.cache/tool".' };
  if (value.includes('\0')) return { problem: 'contains a NUL character.', fix: 'remove it.' };
  if (/^~[^/]/.test(value)) return { problem: '`~user` paths are not supported.', fix: 'write "~/..." (your home) or an absolute path.' };
  const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(value);
  if (variable && !(variable[1] === 'PKG' && value.startsWith('$PKG') && (value.length === 4 || value[4] === '/'))) {
    return { problem: `uses "$${variable[1]}"; only a leading $PKG is expanded.`, fix: 'write the path literally, or start it with "$PKG/", "~/" or "./".' };
  }
  return undefined;
}
