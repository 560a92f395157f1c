import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assemble, jeq, label, stmt } from './assemble.js';
import { decodeProgram, type BpfInstruction } from './bpf.js';
import { buildSeccompFilter, DENIED_SYSCALLS, writeSeccompFile } from './index.js';
import { SYSCALLS_AARCH64 } from './syscalls-aarch64.js';
import { SYSCALLS_X86_64 } from './syscalls-x86_64.js';

const ALLOW = 0x7fff0000;
const KILL = 0x80000000;
const EPERM = 0x00050000 | 1;
const ENOSYS = 0x00050000 | 38;
const X86_64 = 0xc000003e;
const AARCH64 = 0xc00000b7;
const I386 = 0x40000003;

/**
 * A classic-BPF interpreter covering what a seccomp filter may use from our
 * generator (absolute word loads, K jumps, K returns); anything else fails the test.
 */
function run(program: BpfInstruction[], call: { nr: number; arch: number; args?: bigint[] }): number {
  const data = Buffer.alloc(64);
  data.writeInt32LE(call.nr | 0, 0);
  data.writeUInt32LE(call.arch, 4);
  (call.args ?? []).forEach((a, i) => data.writeBigUInt64LE(BigInt.asUintN(64, a), 16 + 8 * i));
  let acc = 0;
  let pc = 0;
  // Every jump goes forward, so at most program.length steps.
  for (let steps = 0; steps <= program.length; steps++) {
    const ins = program[pc];
    if (!ins) throw new Error(`fell off the program at ${pc}`);
    switch (ins.code) {
      case 0x20: // ld w abs
        if (ins.k % 4 !== 0 || ins.k + 4 > 64) throw new Error(`bad load offset ${ins.k}`);
        acc = data.readUInt32LE(ins.k);
        pc++;
        break;
      case 0x05: // ja
        pc += 1 + ins.k;
        break;
      case 0x15: // jeq k
        pc += 1 + (acc === ins.k ? ins.jt : ins.jf);
        break;
      case 0x35: // jge k
        pc += 1 + (acc >= ins.k ? ins.jt : ins.jf);
        break;
      case 0x45: // jset k
        pc += 1 + ((acc & ins.k) !== 0 ? ins.jt : ins.jf);
        break;
      case 0x06: // ret k
        return ins.k;
      default:
        throw new Error(`unexpected opcode 0x${ins.code.toString(16)} at ${pc}`);
    }
  }
  throw new Error('program did not return');
}

const x64 = decodeProgram(buildSeccompFilter({ arch: 'x64' }));
const x64Unix = decodeProgram(buildSeccompFilter({ arch: 'x64', denyUnixSockets: true }));
const arm64 = decodeProgram(buildSeccompFilter({ arch: 'arm64', denyUnixSockets: true }));
const X = SYSCALLS_X86_64;
const A = SYSCALLS_AARCH64;

describe('generated seccomp program', () => {
  it('is a whole number of 8-byte instructions within the kernel limit', () => {
    const bytes = buildSeccompFilter({ arch: 'x64', denyUnixSockets: true });
    expect(bytes.length % 8).toBe(0);
    expect(bytes.length / 8).toBeGreaterThan(10);
    expect(bytes.length / 8).toBeLessThan(4096);
    // First instruction loads seccomp_data.arch.
    expect(x64[0]).toEqual({ code: 0x20, jt: 0, jf: 0, k: 4 });
  });

  it('kills a process whose arch does not match', () => {
    expect(run(x64, { nr: 0, arch: AARCH64 })).toBe(KILL);
    expect(run(x64, { nr: 0, arch: I386 })).toBe(KILL);
    expect(run(arm64, { nr: 63, arch: X86_64 })).toBe(KILL);
  });

  it('refuses the x32 ABI on x86-64', () => {
    expect(run(x64, { nr: 0x40000000 + 59, arch: X86_64 })).toBe(EPERM);
    expect(run(x64, { nr: 0x40000000 + X.ptrace, arch: X86_64 })).toBe(EPERM);
    expect(run(x64, { nr: 0x40000000 | 0x3fffffff, arch: X86_64 })).toBe(EPERM);
  });

  it('allows ordinary syscalls', () => {
    for (const nr of [0, 1, 2, 59, 57, 257, 231]) expect(run(x64, { nr, arch: X86_64 })).toBe(ALLOW); // read..exit_group
    for (const nr of [63, 64, 56, 221, 94]) expect(run(arm64, { nr, arch: AARCH64 })).toBe(ALLOW);
  });

  it('returns EPERM for every denied syscall on both arches', () => {
    for (const name of DENIED_SYSCALLS) {
      expect(run(x64, { nr: X[name], arch: X86_64 }), name).toBe(EPERM);
      expect(run(arm64, { nr: A[name], arch: AARCH64 }), name).toBe(EPERM);
    }
  });

  it('refuses TIOCSTI and TIOCLINUX, judging the low 32 bits of the request', () => {
    expect(run(x64, { nr: X.ioctl, arch: X86_64, args: [0n, 0x5412n] })).toBe(EPERM);
    expect(run(x64, { nr: X.ioctl, arch: X86_64, args: [0n, 0x541cn] })).toBe(EPERM);
    expect(run(x64, { nr: X.ioctl, arch: X86_64, args: [0n, 0xdeadbeef_00005412n] })).toBe(EPERM);
    expect(run(arm64, { nr: A.ioctl, arch: AARCH64, args: [0n, 0x5412n] })).toBe(EPERM);
    expect(run(x64, { nr: X.ioctl, arch: X86_64, args: [0n, 0x541bn] })).toBe(ALLOW); // FIONREAD
    expect(run(x64, { nr: X.ioctl, arch: X86_64, args: [0n, 0x5401n] })).toBe(ALLOW); // TCGETS
  });

  it('allows only the query and PER_LINUX personalities', () => {
    const p = (arg: bigint) => run(x64, { nr: X.personality, arch: X86_64, args: [arg] });
    expect(p(0n)).toBe(ALLOW);
    expect(p(0xffffffffn)).toBe(ALLOW);
    expect(p(0x0040000n)).toBe(EPERM); // ADDR_NO_RANDOMIZE
    expect(p(0x0008n)).toBe(EPERM); // PER_LINUX32
    expect(p(0x0400000n)).toBe(EPERM); // READ_IMPLIES_EXEC
  });

  it('answers clone3 with ENOSYS and refuses namespace flags in clone', () => {
    expect(run(x64, { nr: X.clone3, arch: X86_64 })).toBe(ENOSYS);
    expect(run(arm64, { nr: A.clone3, arch: AARCH64 })).toBe(ENOSYS);
    const threadFlags = 0x003d0f00n; // what glibc's pthread_create passes
    expect(run(x64, { nr: X.clone, arch: X86_64, args: [threadFlags] })).toBe(ALLOW);
    expect(run(x64, { nr: X.clone, arch: X86_64, args: [17n] })).toBe(ALLOW); // fork: SIGCHLD
    for (const flag of [0x00020000n, 0x02000000n, 0x04000000n, 0x08000000n, 0x10000000n, 0x20000000n, 0x40000000n]) {
      expect(run(x64, { nr: X.clone, arch: X86_64, args: [flag | 17n] })).toBe(EPERM);
      expect(run(arm64, { nr: A.clone, arch: AARCH64, args: [flag | 17n] })).toBe(EPERM);
    }
  });

  it('refuses socket(AF_UNIX) only when asked, and never socketpair', () => {
    expect(run(x64, { nr: X.socket, arch: X86_64, args: [1n, 1n] })).toBe(ALLOW);
    expect(run(x64Unix, { nr: X.socket, arch: X86_64, args: [1n, 1n] })).toBe(EPERM);
    expect(run(arm64, { nr: A.socket, arch: AARCH64, args: [1n, 1n] })).toBe(EPERM);
    expect(run(x64Unix, { nr: X.socket, arch: X86_64, args: [2n, 1n] })).toBe(ALLOW);
    expect(run(x64Unix, { nr: X.socket, arch: X86_64, args: [10n, 1n] })).toBe(ALLOW);
    expect(run(x64Unix, { nr: X.socketpair, arch: X86_64, args: [1n, 1n] })).toBe(ALLOW);
  });

  it('refuses architectures it has no table for', () => {
    expect(() => buildSeccompFilter({ arch: 'riscv64' })).toThrow(/riscv64/);
  });
});

describe('assembler', () => {
  it('resolves labels forward and rejects unknown or backward targets', () => {
    expect(assemble([jeq(1, 'a'), stmt(6, 0), label('a'), stmt(6, 1)])[0]).toMatchObject({ jt: 1, jf: 0 });
    expect(() => assemble([jeq(1, 'nowhere')])).toThrow(/unknown/);
    expect(() => assemble([label('b'), stmt(6, 0), jeq(1, 'b')])).toThrow(/out of range/);
  });
});

describe('writeSeccompFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fence-seccomp-file-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the filter once and reuses the file', () => {
    const a = writeSeccompFile(dir, { arch: 'x64' });
    const b = writeSeccompFile(dir, { arch: 'x64' });
    expect(a).toBe(b);
    expect(readFileSync(a).equals(buildSeccompFilter({ arch: 'x64' }))).toBe(true);
    const c = writeSeccompFile(join(dir, 'nested'), { arch: 'x64', denyUnixSockets: true });
    expect(c).not.toBe(a);
    expect(readFileSync(c).equals(buildSeccompFilter({ arch: 'x64', denyUnixSockets: true }))).toBe(true);
  });
});
