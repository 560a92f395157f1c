import semver from 'semver';
import type { CheckResult } from './check-result.js';

// npm names are lowercase and URL-safe; a glob adds `*`, `?` and `{a,b}`.
const NAME_PART = /^[a-z0-9._\-*?{},]+$/;

function checkNamePart(part: string, what: string): CheckResult {
  if (part === '') return { problem: `has an empty ${what}.`, fix: 'write a name like "esbuild" or "@scope/name".' };
  if (part.startsWith('.') || part.startsWith('_')) {
    return { problem: `has a ${what} starting with "${part[0]}"; npm names cannot.`, fix: 'remove the leading character.' };
  }
  if (!NAME_PART.test(part)) {
    return { problem: `has a ${what} with characters npm names cannot contain.`, fix: 'use lowercase letters, digits, `-`, `.`, `_`, and `*` or `?` as wildcards.' };
  }
  return undefined;
}

/** Checks a `packages` key: a package-name glob, optionally `@range` after the last `@`. */
export function checkPackageKey(key: string): CheckResult {
  const at = key.lastIndexOf('@');
  const glob = at > 0 ? key.slice(0, at) : key;
  const range = at > 0 ? key.slice(at + 1) : undefined;
  if (glob.trim() === '') return { problem: 'is empty.', fix: 'write a package name or glob, like "esbuild" or "@prisma/*".' };
  if (/\s/.test(glob)) return { problem: 'contains spaces; no package name does.', fix: `write "${glob.replace(/\s+/g, '')}".` };
  if (glob !== glob.toLowerCase()) return { problem: 'has uppercase letters; npm package names are lowercase.', fix: `write "${glob.toLowerCase()}${range === undefined ? '' : `@${range}`}".` };
  if (glob.length > 214) return { problem: 'is longer than an npm name can be (214).', fix: 'check the name.' };
  if (glob.startsWith('@')) {
    const slash = glob.indexOf('/');
    if (slash < 0) return { problem: 'names a scope without "/name"; it matches no package.', fix: `write "${glob}/*" for every package of the scope.` };
    if (glob.indexOf('/', slash + 1) >= 0) return { problem: 'has more than one `/`.', fix: 'write "@scope/name".' };
    const scopeFailure = checkNamePart(glob.slice(1, slash), 'scope');
    if (scopeFailure) return scopeFailure;
    const nameFailure = checkNamePart(glob.slice(slash + 1), 'name');
    if (nameFailure) return nameFailure;
  } else {
    if (glob.includes('/')) return { problem: 'contains `/` but no `@scope`; only scoped names have a `/`.', fix: 'write "@scope/name" or just "name".' };
    const failure = checkNamePart(glob, 'name');
    if (failure) return failure;
  }
  if (range !== undefined) {
    if (range.trim() === '') return { problem: 'ends with `@` but no version range.', fix: `remove the "@" or add a range: "${glob}@>=1.0.0".` };
    if (semver.validRange(range) === null) {
      return { problem: `has "${range}" after the last \`@\`, which is not a semver range.`, fix: `use a range like "${glob}@>=1.2.0" or "${glob}@^1".` };
    }
  }
  return undefined;
}
