import { readFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join } from 'node:path';

/**
 * Whether the main script will run as an ES module. ESM imports of `node:http` never pass through the CommonJS
 * loader, so for such programs the preload patches http/https up front (paying ~10 ms only in these processes).
 */
export function mainIsEsm(mainPath: string | undefined): boolean {
  // `node -e code arg`: argv[1] is then a plain argument, not a resolved path.
  if (!mainPath || !isAbsolute(mainPath)) return false;
  const ext = extname(mainPath);
  if (ext === '.mjs' || ext === '.mts') return true;
  if (ext !== '.js' && ext !== '') return false;
  return nearestPackageType(dirname(mainPath)) === 'module';
}

function nearestPackageType(start: string): string | undefined {
  let dir = start;
  // Bounded by the path depth; stops at the first package.json like Node does.
  for (let i = 0; i < 64; i++) {
    let text: string | undefined;
    try {
      text = readFileSync(join(dir, 'package.json'), 'utf8');
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      try {
        const type: unknown = (JSON.parse(text) as { type?: unknown }).type;
        return typeof type === 'string' ? type : undefined;
      } catch {
        return undefined;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}
