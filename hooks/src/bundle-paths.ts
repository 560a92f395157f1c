import { fileURLToPath } from 'node:url';

/** Absolute path of the preload bundle (hooks/bundle/preload.cjs), built by `npm run build -w hooks`. */
export function preloadBundlePath(): string {
  // This file runs from hooks/dist/ (or hooks/src/ under vitest): the bundle sits beside either.
  return fileURLToPath(new URL('../bundle/preload.cjs', import.meta.url));
}

/**
 * The NODE_OPTIONS entry that injects the preload. Node splits NODE_OPTIONS on spaces unless quoted, and inside
 * double quotes a backslash escapes the next character.
 */
export function preloadNodeOption(bundlePath: string = preloadBundlePath()): string {
  return `--require "${bundlePath.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}
