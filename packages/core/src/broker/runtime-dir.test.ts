import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensurePrivateDir, runtimeDir } from './runtime-dir.js';
import { isSameProcess, parseSessionName, processStartTime, sessionDir } from './session-key.js';

const base = mkdtempSync(path.join(tmpdir(), 'fence-rt-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('runtime dir', () => {
  it('creates $XDG_RUNTIME_DIR/fence with mode 0700', () => {
    const dir = runtimeDir({ XDG_RUNTIME_DIR: base });
    expect(dir).toBe(path.join(base, 'fence'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('falls back to /tmp/fence-<uid> when XDG_RUNTIME_DIR is unusable', () => {
    expect(runtimeDir({ XDG_RUNTIME_DIR: path.join(base, 'missing') })).toBe(`/tmp/fence-${process.getuid!()}`);
  });

  it('refuses a symlink or a directory with a loose mode', () => {
    const target = path.join(base, 'target');
    mkdirSync(target, { mode: 0o700 });
    const link = path.join(base, 'link');
    symlinkSync(target, link);
    expect(() => ensurePrivateDir(link)).toThrow(/not a directory \(or is a symlink\)/);
    const loose = path.join(base, 'loose');
    mkdirSync(loose);
    chmodSync(loose, 0o755);
    expect(() => ensurePrivateDir(loose)).toThrow(/mode 755, not 700/);
  });
});

describe('session key', () => {
  it('names a session by owner pid and start time', () => {
    const start = processStartTime(process.pid);
    expect(start).toMatch(/^\d+$/);
    expect(isSameProcess(process.pid, start!)).toBe(true);
    expect(isSameProcess(process.pid, `${start}1`)).toBe(false);
    const dir = sessionDir('/x', process.pid);
    expect(parseSessionName(path.basename(dir))).toEqual({ pid: process.pid, start });
    expect(processStartTime(2 ** 22 + 7)).toBeUndefined();
    expect(() => sessionDir('/x', 2 ** 22 + 7)).toThrow(/not running/);
  });
});
