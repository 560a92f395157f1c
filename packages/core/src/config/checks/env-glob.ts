import type { CheckResult } from './check-result.js';

/** Shape of an environment variable name glob; also the JSON Schema `pattern`. */
export const ENV_GLOB_SHAPE = /^[A-Za-z_*?][A-Za-z0-9_*?]*$/;

/** Checks one entry of env.allow (`allow`) or env.deny. */
export function checkEnvGlob(value: string, allow: boolean): CheckResult {
  if (value === '') return { problem: 'is empty.', fix: 'remove it or write a variable name like "MY_TOOL_HOME".' };
  if (/\s/.test(value)) return { problem: 'contains spaces.', fix: `write the name without spaces: "${value.replace(/\s+/g, '')}".` };
  if (value.startsWith('$')) return { problem: 'starts with `$`.', fix: `write the bare name: "${value.replace(/^\$+\{?|\}$/g, '')}".` };
  if (value.includes('=')) return { problem: 'contains `=`; list names, not assignments.', fix: `write only the name: "${value.split('=')[0]}".` };
  if (!ENV_GLOB_SHAPE.test(value)) {
    return { problem: 'is not a variable name glob.', fix: 'use letters, digits and `_` (not starting with a digit), with `*` or `?` as wildcards.' };
  }
  if (allow && /^[*?]+$/.test(value)) {
    return { problem: 'would pass every variable into the sandbox, tokens included.', fix: 'list the names scripts need, e.g. "SHARP_*".' };
  }
  return undefined;
}
