import { readFileSync, statSync } from 'node:fs';
import type { ConfigCache, ParsedConfigFile } from './config-cache.js';
import { ConfigError } from './errors.js';
import { parseJson } from './parse-json.js';
import { validateParsed } from './validate.js';

function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * Reads, parses and validates one config file (sync: it sits on the per-script hot path).
 * Returns undefined when the file does not exist; throws ConfigError when it cannot be
 * read or is invalid.
 */
export function readConfigFile(file: string, cache: ConfigCache): ParsedConfigFile | undefined {
  let stamp: string;
  let text: string;
  try {
    const st = statSync(file, { bigint: true });
    if (st.isDirectory()) {
      throw new ConfigError({ file, field: '', problem: 'is a directory, not a file.', fix: 'remove the directory or rename it.' });
    }
    stamp = `${st.mtimeNs}:${st.size}:${st.ino}`;
    const hit = cache.get(file, stamp);
    if (hit) return hit;
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    const code = errorCode(err);
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ConfigError({
      file,
      field: '',
      problem: `cannot be read (${code ?? (err instanceof Error ? err.message : String(err))}).`,
      fix: 'make it readable by your user, or remove it.',
    });
  }
  const { value, positions } = parseJson(text, file);
  const parsed: ParsedConfigFile = { config: validateParsed(value, file, positions), positions };
  cache.set(file, stamp, parsed);
  return parsed;
}
