// node-gyp needs Node's headers; offline it must find the installed ones instead
// of downloading them. An installed Node keeps them in <prefix>/include/node.
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nodedir for node-gyp (the install prefix), or undefined when no headers are installed. */
export function findNodeDir(execPath: string = process.execPath): string | undefined {
  const prefix = path.dirname(path.dirname(execPath));
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}
