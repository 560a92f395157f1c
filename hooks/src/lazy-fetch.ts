/**
 * Lazy hooks for the global `fetch` (Node's built-in undici) and for anything that reads undici's global dispatcher
 * (the built-in fetch, and a program's own copy of the `undici` package, which shares the same global symbol).
 */

/** The symbol under which every undici (Node's built-in one and the npm package) keeps its global dispatcher. */
export const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');

type FetchFn = (...args: unknown[]) => unknown;

export class LazyFetch {
  private accessor: PropertyDescriptor | undefined;
  private originalFetch: FetchFn | undefined;
  private wrapper: FetchFn | undefined;

  constructor(private readonly onFirstUse: (reason: string) => void) {}

  /** Wraps `globalThis.fetch` and puts a lazy accessor where the global dispatcher will live. */
  install(): void {
    const original = globalThis.fetch as unknown as FetchFn | undefined;
    if (typeof original === 'function') {
      const onFirstUse = this.onFirstUse;
      this.originalFetch = original;
      // Named `fetch` so stack traces and `fetch.name` look as usual.
      const wrapper = this.wrapper = {
        fetch(this: unknown, ...args: unknown[]): unknown {
          onFirstUse('fetch');
          return original.apply(this, args);
        },
      }.fetch;
      globalThis.fetch = wrapper as unknown as typeof fetch;
    }
    if (Object.getOwnPropertyDescriptor(globalThis, GLOBAL_DISPATCHER) === undefined) {
      const onFirstUse = this.onFirstUse;
      const accessor: PropertyDescriptor = {
        configurable: true,
        enumerable: false,
        get(): unknown {
          onFirstUse('global dispatcher');
          const now = Object.getOwnPropertyDescriptor(globalThis, GLOBAL_DISPATCHER);
          return now === undefined || now.get !== undefined ? undefined : now.value;
        },
        set(value: unknown): void {
          // A plain assignment by the program: theirs wins, exactly as if we were not here.
          Object.defineProperty(globalThis, GLOBAL_DISPATCHER, { value, writable: true, configurable: true });
        },
      };
      Object.defineProperty(globalThis, GLOBAL_DISPATCHER, accessor);
      this.accessor = accessor;
    }
  }

  /**
   * Called at activation, before the undici bundle loads. Removes our accessor (undici reads the symbol on load);
   * returns true when the dispatcher is still ours to set, false when the program already set its own.
   */
  releaseDispatcher(): boolean {
    if (this.wrapper !== undefined && globalThis.fetch === (this.wrapper as unknown as typeof fetch)) {
      // After activation the wrapper has nothing left to do.
      globalThis.fetch = this.originalFetch as unknown as typeof fetch;
    }
    const now = Object.getOwnPropertyDescriptor(globalThis, GLOBAL_DISPATCHER);
    if (this.accessor !== undefined && now !== undefined && now.get === this.accessor.get) {
      delete (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
      return true;
    }
    return now === undefined;
  }
}
