import { syncBuiltinESMExports } from 'node:module';

/**
 * Thin stand-ins for `http(s).get` / `http(s).request`. Until the first call they only remember the original; the
 * first call triggers activation (loading global-agent), then every call goes to the routed function. Code that
 * captured the stand-in early (`const { get } = require('http')`) therefore still ends up on the proxy.
 */

export type HttpModuleName = 'http' | 'https';
export type RequestFn = (...args: unknown[]) => unknown;
export interface HttpLike {
  get: RequestFn;
  request: RequestFn;
}
const METHODS = ['get', 'request'] as const;
type Method = (typeof METHODS)[number];
type Methods = Record<Method, RequestFn>;

interface Patched {
  mod: HttpLike;
  original: Methods;
  wrapper: Methods;
  routed: Partial<Methods>;
}

export class LazyHttp {
  private readonly patched = new Map<HttpModuleName, Patched>();

  constructor(private readonly onFirstUse: (reason: string) => void) {}

  isPatched(name: HttpModuleName): boolean {
    return this.patched.has(name);
  }

  /** Installs the stand-ins on a freshly loaded http/https module. */
  patch(name: HttpModuleName, mod: HttpLike): void {
    if (this.patched.has(name)) return;
    const entry: Patched = { mod, original: { get: mod.get, request: mod.request }, wrapper: {} as Methods, routed: {} };
    for (const method of METHODS) {
      const onFirstUse = this.onFirstUse;
      const label = `${name}.${method}`;
      entry.wrapper[method] = function fenceLazyRequest(this: unknown, ...args: unknown[]): unknown {
        onFirstUse(label);
        return (entry.routed[method] ?? entry.original[method]).apply(this, args);
      };
      mod[method] = entry.wrapper[method];
    }
    this.patched.set(name, entry);
    // ESM `import { get } from 'node:http'` bindings only follow the CJS exports when synced.
    syncBuiltinESMExports();
  }

  /**
   * Runs `install` with the original functions back in place, so that global-agent captures and binds the real
   * ones (binding our stand-ins would loop), then records what `install` left as the routed functions. A function
   * someone else put there after us (nock, the program's own agent) is put back: it calls our stand-in, which now
   * routes.
   */
  routeWith(install: () => void): void {
    const before = new Map<HttpModuleName, Methods>();
    for (const [name, entry] of this.patched) {
      before.set(name, { get: entry.mod.get, request: entry.mod.request });
      for (const method of METHODS) entry.mod[method] = entry.original[method];
    }
    try {
      install();
    } finally {
      for (const [name, entry] of this.patched) {
        const previous = before.get(name) as Methods;
        for (const method of METHODS) {
          const installed = entry.mod[method];
          if (installed !== entry.original[method]) entry.routed[method] = installed;
          if (previous[method] !== entry.wrapper[method]) entry.mod[method] = previous[method];
        }
      }
      syncBuiltinESMExports();
    }
  }
}
