import Module from 'node:module';
import type { HttpLike, HttpModuleName } from './lazy-http.js';

/**
 * Loading `http` and `https` costs ~10 ms, twice the preload's budget, so the preload cannot load them to patch them.
 * Instead it watches CommonJS `require` and patches each module the moment someone first loads it. (ESM imports of
 * builtins bypass `Module._load` in Node 20; see esm-main.ts for how those are covered.)
 */

type LoadFn = (request: string, parent: unknown, isMain: boolean) => unknown;
interface CjsLoader {
  _load: LoadFn;
}

const NAMES: Record<string, HttpModuleName> = { http: 'http', 'node:http': 'http', https: 'https', 'node:https': 'https' };

/** Calls `onLoad` for each of http/https when first required; unhooks itself once both have been seen. */
export function watchHttpRequires(onLoad: (name: HttpModuleName, mod: HttpLike) => void, isDone: () => boolean): void {
  const loader = Module as unknown as CjsLoader;
  const previous = loader._load;
  const hooked: LoadFn = function fenceLoad(this: unknown, request, parent, isMain) {
    const exports = previous.call(this, request, parent, isMain);
    const name = NAMES[request];
    if (name !== undefined) {
      onLoad(name, exports as HttpLike);
      // Step out of the require path for good, unless someone chained a hook on top of ours.
      if (isDone() && loader._load === hooked) loader._load = previous;
    }
    return exports;
  };
  loader._load = hooked;
}
