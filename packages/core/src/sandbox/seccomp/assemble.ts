import { JEQ_K, type BpfInstruction } from './bpf.js';

/**
 * A tiny assembler: conditional jumps name labels instead of offsets, so the
 * filter reads top to bottom and no offset is counted by hand. Classic BPF only
 * jumps forward, at most 255 instructions; both are checked here.
 */

/** `next` falls through to the following instruction. */
export type Target = string;
export const NEXT: Target = '';

export type AsmLine =
  | { kind: 'stmt'; code: number; k: number }
  | { kind: 'jump'; code: number; k: number; jt: Target; jf: Target }
  | { kind: 'label'; name: string };

export const stmt = (code: number, k: number): AsmLine => ({ kind: 'stmt', code, k });
export const jump = (code: number, k: number, jt: Target, jf: Target): AsmLine => ({ kind: 'jump', code, k, jt, jf });
export const jeq = (k: number, jt: Target, jf: Target = NEXT): AsmLine => jump(JEQ_K, k, jt, jf);
export const label = (name: string): AsmLine => ({ kind: 'label', name });

export function assemble(lines: readonly AsmLine[]): BpfInstruction[] {
  const where = new Map<string, number>();
  let count = 0;
  for (const line of lines) {
    if (line.kind !== 'label') count++;
    else if (where.has(line.name)) throw new Error(`duplicate BPF label ${line.name}`);
    else where.set(line.name, count);
  }
  const out: BpfInstruction[] = [];
  for (const line of lines) {
    if (line.kind === 'label') continue;
    if (line.kind === 'stmt') {
      out.push({ code: line.code, jt: 0, jf: 0, k: line.k });
      continue;
    }
    const here = out.length;
    const offset = (t: Target): number => {
      if (t === NEXT) return 0;
      const at = where.get(t);
      if (at === undefined) throw new Error(`unknown BPF label ${t}`);
      const d = at - here - 1;
      if (d < 0 || d > 255) throw new Error(`BPF jump to ${t} out of range (${d})`);
      return d;
    };
    out.push({ code: line.code, jt: offset(line.jt), jf: offset(line.jf), k: line.k });
  }
  return out;
}
