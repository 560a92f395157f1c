/**
 * Classic BPF as the kernel's seccomp loader takes it: an array of
 * `struct sock_filter { u16 code; u8 jt; u8 jf; u32 k; }`, 8 bytes each,
 * in host byte order (little-endian on both architectures we support).
 */

export interface BpfInstruction {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

// Opcode pieces from linux/filter.h / linux/bpf_common.h.
export const BPF_LD = 0x00;
export const BPF_JMP = 0x05;
export const BPF_RET = 0x06;
export const BPF_W = 0x00;
export const BPF_ABS = 0x20;
export const BPF_K = 0x00;
export const BPF_JA = 0x00;
export const BPF_JEQ = 0x10;
export const BPF_JGE = 0x30;
export const BPF_JSET = 0x40;

/** `A = *(u32 *)(data + offset)` */
export const LD_W_ABS = BPF_LD | BPF_W | BPF_ABS;
export const JEQ_K = BPF_JMP | BPF_JEQ | BPF_K;
export const JGE_K = BPF_JMP | BPF_JGE | BPF_K;
export const JSET_K = BPF_JMP | BPF_JSET | BPF_K;
export const RET_K = BPF_RET | BPF_K;

export const INSTRUCTION_SIZE = 8;
/** BPF_MAXINSNS: the kernel refuses longer programs. */
export const MAX_INSTRUCTIONS = 4096;

export function encodeProgram(program: readonly BpfInstruction[]): Buffer {
  if (program.length === 0 || program.length > MAX_INSTRUCTIONS) {
    throw new Error(`BPF program length ${program.length} out of range`);
  }
  const out = Buffer.alloc(program.length * INSTRUCTION_SIZE);
  program.forEach((ins, i) => {
    const o = i * INSTRUCTION_SIZE;
    out.writeUInt16LE(ins.code, o);
    out.writeUInt8(ins.jt, o + 2);
    out.writeUInt8(ins.jf, o + 3);
    out.writeUInt32LE(ins.k >>> 0, o + 4);
  });
  return out;
}

export function decodeProgram(bytes: Buffer): BpfInstruction[] {
  if (bytes.length % INSTRUCTION_SIZE !== 0) throw new Error('BPF program size is not a multiple of 8');
  const out: BpfInstruction[] = [];
  for (let o = 0; o < bytes.length; o += INSTRUCTION_SIZE) {
    out.push({
      code: bytes.readUInt16LE(o),
      jt: bytes.readUInt8(o + 2),
      jf: bytes.readUInt8(o + 3),
      k: bytes.readUInt32LE(o + 4),
    });
  }
  return out;
}
