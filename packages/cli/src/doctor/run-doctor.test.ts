import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { formatDoctor } from './format-doctor.js';
import { tempDir } from '../test-support/temp-dir.js';
import { detectContainer, hasSysAdmin } from './read-proc.js';
import { runDoctor } from './run-doctor.js';

const IDS = ['os', 'node', 'bwrap', 'userns', 'socat', 'strace', 'seccomp', 'npm-wiring', 'pnpm-wiring', 'yarn-wiring'];

describe('fence doctor', () => {
  // Driven through runDoctor: vitest resolves clipanion to an ESM build Node cannot load (see the report).
  it('passes on this machine (exit 0) and prints one line per check', () => {
    const report = runDoctor(process.cwd());
    expect(report.ok, formatDoctor(report)).toBe(true);
    const r = { stdout: formatDoctor(report) };
    for (const title of ['OS and kernel', 'Node.js >= 20', 'bubblewrap builds a sandbox', 'unprivileged user namespaces', 'socat', 'strace', 'seccomp filter', 'npm wiring', 'pnpm wiring', 'Yarn wiring'])
      expect(r.stdout).toContain(title);
    expect(r.stdout).toMatch(/^ok {4}bubblewrap builds a sandbox/m);
  });

  it('lists every check in order, and sees wiring written into the project', () => {
    const { dir, cleanup } = tempDir('doctor');
    try {
      writeFileSync(`${dir}/.npmrc`, `script-shell=${dir}/fence-shell\n`);
      writeFileSync(`${dir}/fence-shell`, '');
      const report = runDoctor(dir);
      expect(report.checks.map((c) => c.id)).toEqual(IDS);
      expect(report.ok).toBe(true);
      expect(report.checks.find((c) => c.id === 'npm-wiring')).toMatchObject({ status: 'ok' });
      expect(report.checks.find((c) => c.id === 'npm-wiring')!.detail).toContain(`${dir}/fence-shell`);
    } finally {
      cleanup();
    }
  });

  it('reads CAP_SYS_ADMIN from CapEff and container markers', () => {
    expect(hasSysAdmin('000001ffffffffff')).toBe(true);
    expect(hasSysAdmin('0000000000000000')).toBe(false);
    expect(hasSysAdmin('0000000000200000')).toBe(true);
    expect(detectContainer(() => false, '0::/system.slice/docker-abc.scope')).toContain('docker');
    expect(detectContainer(() => false, '0::/init.scope')).toBeUndefined();
  });
});
