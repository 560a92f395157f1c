import { STRING_CHECKS } from './checks/index.js';
import { closestMatch } from './did-you-mean.js';
import { ConfigError, type ConfigProblem } from './errors.js';
import { childPath, indexPath } from './field-path.js';
import { parseJson, type SourcePosition } from './parse-json.js';
import { FENCE_CONFIG_SPEC, type FieldSpec } from './schema-source.js';
import type { FenceConfig } from './types.js';

type Problem = Omit<ConfigProblem, 'file' | 'line' | 'column'>;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wrongType(field: string, value: unknown, spec: FieldSpec): Problem {
  const expected = {
    string: 'a string',
    boolean: 'true or false',
    enum: `one of ${spec.type === 'enum' ? spec.values.map((v) => `"${v}"`).join(', ') : ''}`,
    array: 'a list',
    object: 'an object',
    map: 'an object',
  }[spec.type];
  let fix = `write ${expected}.`;
  if (spec.type === 'array' && typeof value === 'string') fix = `wrap it in a list: [${JSON.stringify(value)}].`;
  else if (spec.type === 'boolean' && (value === 'true' || value === 'false')) fix = `write ${value} without quotes.`;
  else if (spec.type === 'object' || spec.type === 'map') fix = `write an object: { ... }.`;
  return { field, problem: `expected ${expected}, found ${typeName(value)}.`, fix };
}

/** Walks a value against its spec, collecting every problem. */
function walk(value: unknown, spec: FieldSpec, field: string, out: Problem[]): void {
  switch (spec.type) {
    case 'string': {
      if (typeof value !== 'string') return void out.push(wrongType(field, value, spec));
      const failure = spec.check ? STRING_CHECKS[spec.check](value) : undefined;
      if (failure) out.push({ field, problem: `${JSON.stringify(value)} ${failure.problem}`, fix: failure.fix });
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') out.push(wrongType(field, value, spec));
      return;
    case 'enum': {
      if (typeof value === 'string' && spec.values.includes(value)) return;
      if (typeof value !== 'string') return void out.push(wrongType(field, value, spec));
      const guess = closestMatch(value, spec.values);
      out.push({
        field,
        problem: `"${value}" is not allowed.${guess ? ` Did you mean "${guess}"?` : ''}`,
        fix: `use one of ${spec.values.map((v) => `"${v}"`).join(', ')}.`,
      });
      return;
    }
    case 'array':
      if (!Array.isArray(value)) return void out.push(wrongType(field, value, spec));
      value.forEach((item, i) => walk(item, spec.items, indexPath(field, i), out));
      return;
    case 'object': {
      if (!isPlainObject(value)) return void out.push(wrongType(field, value, spec));
      const known = Object.keys(spec.fields);
      for (const [key, child] of Object.entries(value)) {
        const path = childPath(field, key);
        const childSpec = Object.hasOwn(spec.fields, key) ? spec.fields[key] : undefined;
        if (childSpec) {
          walk(child, childSpec, path, out);
          continue;
        }
        const guess = closestMatch(key, known);
        out.push(guess
          ? { field: path, problem: `unknown key. Did you mean "${guess}"?`, fix: 'rename it.' }
          : { field: path, problem: 'unknown key.', fix: `remove it; keys allowed here: ${known.join(', ')}.` });
      }
      return;
    }
    case 'map': {
      if (!isPlainObject(value)) return void out.push(wrongType(field, value, spec));
      for (const [key, child] of Object.entries(value)) {
        const path = childPath(field, key);
        const failure = STRING_CHECKS[spec.keyCheck](key);
        if (failure) out.push({ field: path, problem: `key ${JSON.stringify(key)} ${failure.problem}`, fix: failure.fix });
        walk(child, spec.values, path, out);
      }
    }
  }
}

/** The position of a field, or of its closest ancestor that has one. */
function locate(positions: ReadonlyMap<string, SourcePosition>, field: string): SourcePosition | undefined {
  let path = field;
  for (;;) {
    const found = positions.get(path);
    if (found) return found;
    const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    if (cut <= 0) return path === '' ? undefined : positions.get('');
    path = path.slice(0, cut);
  }
}

/**
 * Validates parsed fence.json content. Throws one ConfigError listing every problem (its
 * properties describe the first); `positions` adds line:column to each.
 */
export function validateParsed(raw: unknown, file: string, positions?: ReadonlyMap<string, SourcePosition>): FenceConfig {
  const found: Problem[] = [];
  walk(raw, FENCE_CONFIG_SPEC, '', found);
  if (found.length === 0) return raw as FenceConfig;
  const problems: ConfigProblem[] = found.map((p) => {
    const at = positions ? locate(positions, p.field) : undefined;
    return { ...p, field: p.field || '(top level)', file, ...(at ? { line: at.line, column: at.column } : {}) };
  });
  throw new ConfigError(problems[0]!, problems.slice(1));
}

/** Validates a config; pass the file's text as `source` to get line:column in errors. */
export function validateConfig(raw: unknown, file: string, source?: string): FenceConfig {
  const positions = source === undefined ? undefined : parseJson(source, file).positions;
  return validateParsed(raw, file, positions);
}
