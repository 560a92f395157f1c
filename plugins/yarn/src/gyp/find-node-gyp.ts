import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * npm's bundled node-gyp (`<node prefix>/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js`),
 * the one npm itself uses for implicit builds. Yarn ships none: its own `node-gyp` shim only
 * works when node-gyp is a top-level dependency of the project.
 */
export function findNodeGyp(execPath: string = process.execPath, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const prefixes = [dirname(dirname(execPath))];
  try {
    prefixes.push(dirname(dirname(realpathSync(execPath))));
  } catch {
    // keep the unresolved prefix
  }
  if (env.npm_config_prefix) prefixes.push(env.npm_config_prefix);
  for (const prefix of prefixes) {
    for (const lib of ['lib/node_modules', 'node_modules']) {
      const candidate = join(prefix, lib, 'npm/node_modules/node-gyp/bin/node-gyp.js');
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Node's install prefix when it carries the headers node-gyp needs (`include/node/common.gypi`). */
export function nodeHeadersDir(execPath: string = process.execPath): string | undefined {
  const prefix = dirname(dirname(execPath));
  return existsSync(join(prefix, 'include/node/common.gypi')) ? prefix : undefined;
}
