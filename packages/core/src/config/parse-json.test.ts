import { describe, expect, it } from 'vitest';
import { ConfigError } from './errors.js';
import { parseJson } from './parse-json.js';

function syntaxError(text: string): ConfigError {
  try {
    parseJson(text, '/p/fence.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error('expected a syntax error');
}

describe('parseJson', () => {
  it('reports line:column of a trailing comma', () => {
    const err = syntaxError('{\n  "network": {\n    "allowedDomains": ["a.com"],\n  }\n}\n');
    expect([err.line, err.column]).toEqual([4, 3]);
    expect(err.file).toBe('/p/fence.json');
    expect(err.fix).toMatch(/trailing comma/);
    expect(err.message).toMatch(/^\/p\/fence\.json:4:3: invalid JSON: .* Fix: remove the trailing comma\.$/);
  });

  it('reports a missing comma on the right line', () => {
    const err = syntaxError('{\n  "a": 1\n  "b": 2\n}');
    expect([err.line, err.column]).toEqual([3, 3]);
  });

  it('reports unquoted keys, comments and end of input', () => {
    expect(syntaxError('{ network: {} }').fix).toMatch(/double quotes/);
    const comment = syntaxError('{\n  // hi\n  "a": 1\n}');
    expect([comment.line, comment.column, comment.fix]).toEqual([2, 3, 'remove the comment; fence.json is plain JSON.']);
    const eof = syntaxError('{\n  "a": [1,\n');
    expect(eof.line).toBe(2);
    expect(syntaxError('   ').fix).toMatch(/"\{\}"/);
  });

  it('records where each field path appears, past a BOM', () => {
    const text = '\uFEFF{\n  "network": {\n    "allowedDomains": [\n      "a.com",\n      "b.com"\n    ]\n  },\n  "packages": { "@img/*@^1": { "reason": "x" } }\n}\n';
    const { value, positions } = parseJson(text, 'f');
    expect(value).toEqual({ network: { allowedDomains: ['a.com', 'b.com'] }, packages: { '@img/*@^1': { reason: 'x' } } });
    expect(positions.get('network')).toEqual({ line: 2, column: 3 });
    expect(positions.get('network.allowedDomains')).toEqual({ line: 3, column: 5 });
    expect(positions.get('network.allowedDomains[1]')).toEqual({ line: 5, column: 7 });
    expect(positions.get('packages["@img/*@^1"].reason')).toEqual({ line: 8, column: 32 });
  });

  it('handles escaped quotes inside keys and strings', () => {
    const { positions } = parseJson('{"a\\"b": "x\\"y", "c": [true, null, -1.5e3]}', 'f');
    expect(positions.get('["a\\"b"]')).toEqual({ line: 1, column: 2 });
    expect(positions.get('c[2]')).toEqual({ line: 1, column: 36 });
  });
});
