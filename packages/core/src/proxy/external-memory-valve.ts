/**
 * Every ordinary socket read allocates a fresh buffer outside the V8 heap. V8 frees those only
 * in a GC, and counts them towards a GC late (tens of MB), so a fast relay inflates the broker's
 * RSS. When the broker runs with --expose-gc, a minor GC after every 2 MiB allocated returns them
 * early: young buffers die in a scavenge. (Every MiB saves little more memory and costs CPU:
 * the scavenge frees the buffers, which is most of its time.) Without --expose-gc this does nothing.
 */

const BYTES_PER_GC = 2 * 1024 * 1024;

const collectYoung: (() => void) | undefined = typeof globalThis.gc === 'function'
  ? ((gc) => () => gc({ type: 'minor' }))(globalThis.gc)
  : undefined;

let sinceGc = 0;

/** Counts bytes freshly allocated for relayed data (read buffers and copies of them). */
export function noteAllocatedBytes(bytes: number): void {
  if (!collectYoung) return;
  sinceGc += bytes;
  if (sinceGc < BYTES_PER_GC) return;
  sinceGc = 0;
  collectYoung();
}
