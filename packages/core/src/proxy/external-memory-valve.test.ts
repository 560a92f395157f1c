import { afterEach, describe, expect, it, vi } from 'vitest';

const MiB = 1024 * 1024;
const realGc = globalThis.gc;

/** A fresh copy of the valve, which looks for gc when it loads. */
async function loadValve(gc: NodeJS.GCFunction | undefined) {
  globalThis.gc = gc;
  vi.resetModules();
  return import('./external-memory-valve.js');
}

describe('external memory valve', () => {
  afterEach(() => {
    globalThis.gc = realGc;
  });

  it('asks for a minor GC after every 2 MiB allocated', async () => {
    const calls: unknown[] = [];
    const gc = ((options?: unknown) => void calls.push(options)) as NodeJS.GCFunction;
    const { noteAllocatedBytes } = await loadValve(gc);
    for (let i = 0; i < 99; i++) noteAllocatedBytes(64 * 1024 - 1);
    expect(calls).toEqual([{ type: 'minor' }, { type: 'minor' }, { type: 'minor' }]);
    noteAllocatedBytes(2 * MiB);
    expect(calls.length).toBe(4);
  });

  it('does nothing without --expose-gc', async () => {
    const { noteAllocatedBytes } = await loadValve(undefined);
    expect(() => noteAllocatedBytes(100 * MiB)).not.toThrow();
  });
});
