import { DOMAIN_SHAPE, ENV_GLOB_SHAPE, EXTENDS_PATH_PATTERN } from './checks/index.js';
import { profileNames } from './profiles/index.js';
import { FENCE_CONFIG_SPEC, type FieldSpec, type StringCheck } from './schema-source.js';

type JsonSchema = Record<string, unknown>;

// Checks whose accepted values all match a simple regex get it as `pattern`, so editors
// flag the common mistakes (URLs, spaces, a bare `*`) the validator explains in full.
const PATTERNS: Partial<Record<StringCheck, string>> = {
  'allowed-domain': DOMAIN_SHAPE.source,
  'denied-domain': DOMAIN_SHAPE.source,
  'env-allow-glob': ENV_GLOB_SHAPE.source,
  'env-deny-glob': ENV_GLOB_SHAPE.source,
};

function convert(spec: FieldSpec): JsonSchema {
  const out: JsonSchema = {};
  switch (spec.type) {
    case 'string': {
      out.type = 'string';
      const pattern = spec.check ? PATTERNS[spec.check] : undefined;
      if (pattern) out.pattern = pattern;
      if (spec.check === 'proxy-url') out.format = 'uri';
      // Lets editors complete profile names while still accepting file paths.
      if (spec.check === 'extends-entry') out.anyOf = [{ enum: profileNames() }, { pattern: EXTENDS_PATH_PATTERN }];
      break;
    }
    case 'boolean':
      out.type = 'boolean';
      if (spec.default !== undefined) out.default = spec.default;
      break;
    case 'enum':
      out.type = 'string';
      out.enum = [...spec.values];
      if (spec.default !== undefined) out.default = spec.default;
      break;
    case 'array':
      out.type = 'array';
      out.items = convert(spec.items);
      break;
    case 'object':
      out.type = 'object';
      out.properties = Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, convert(v)]));
      out.additionalProperties = false;
      break;
    case 'map':
      out.type = 'object';
      out.additionalProperties = convert(spec.values);
      break;
  }
  out.description = spec.description;
  if (spec.examples) out.examples = spec.examples;
  return out;
}

/** JSON Schema 2020-12 of fence.json, generated from schema-source.ts. */
export function toJsonSchema(): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: 'fence.json',
    ...convert(FENCE_CONFIG_SPEC),
  };
}
