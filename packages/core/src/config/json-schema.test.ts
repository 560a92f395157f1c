import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toJsonSchema } from './json-schema.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../fence.schema.json', import.meta.url));

describe('toJsonSchema', () => {
  // FENCE_WRITE_SCHEMA=1 npx vitest run packages/core/src/config/json-schema.test.ts regenerates the file.
  it('matches the committed packages/core/fence.schema.json', () => {
    const generated = toJsonSchema();
    if (process.env.FENCE_WRITE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, `${JSON.stringify(generated, null, 2)}\n`);
    expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(generated);
  });

  it('is a closed 2020-12 schema with descriptions everywhere', () => {
    const schema = toJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    const walk = (node: Record<string, unknown>, path: string): void => {
      expect(typeof node.description, path).toBe('string');
      if (node.type === 'object' && node.properties) {
        expect(node.additionalProperties, path).toBe(false);
        for (const [k, v] of Object.entries(node.properties as Record<string, Record<string, unknown>>)) walk(v, `${path}.${k}`);
      }
      if (node.type === 'object' && typeof node.additionalProperties === 'object') walk(node.additionalProperties as Record<string, unknown>, `${path}.*`);
      if (node.items) walk(node.items as Record<string, unknown>, `${path}[]`);
    };
    walk(schema, '');
    const network = (schema.properties as Record<string, { properties: Record<string, { items?: { pattern?: string } }> }>).network!;
    const pattern = new RegExp(network.properties.allowedDomains!.items!.pattern!);
    expect(pattern.test('*.example.com')).toBe(true);
    expect(pattern.test('http://x.com')).toBe(false);
  });
});
