import { closestMatch } from '../did-you-mean.js';
import { profileNames } from '../profiles/registry.js';
import type { CheckResult } from './check-result.js';

/** Whether an `extends` entry names a file rather than a built-in profile. */
export function isExtendsPath(entry: string): boolean {
  return EXTENDS_PATH.test(entry);
}

/** A path entry: starts with `./`, `../` or `/`, or ends with `.json` (also the JSON Schema pattern). */
export const EXTENDS_PATH_PATTERN = '^(\\.{1,2}/|/)|\\.json$';
const EXTENDS_PATH = new RegExp(EXTENDS_PATH_PATTERN);

/** Checks an `extends` entry: a known profile, or a path to a JSON file. */
export function checkExtendsEntry(entry: string): CheckResult {
  if (entry.trim() === '') return { problem: 'is empty.', fix: 'remove it.' };
  if (isExtendsPath(entry)) return undefined;
  const names = profileNames();
  if (names.includes(entry)) return undefined;
  const guess = closestMatch(entry, names);
  return {
    problem: `is not a built-in profile.${guess ? ` Did you mean "${guess}"?` : ''}`,
    fix: `use one of ${names.map((n) => `"${n}"`).join(', ')}, or a file path starting with "./".`,
  };
}
