import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipAllowances } from './pip-allowances.js';

let root: string;
let venv: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fence-pipallow-'));
  venv = join(root, 'venv');
  mkdirSync(join(venv, 'bin'), { recursive: true });
  writeFileSync(join(venv, 'pyvenv.cfg'), 'home = /usr/bin\n');
  writeFileSync(join(venv, 'bin', 'pip'), '#!/bin/sh\n');
  chmodSync(join(venv, 'bin', 'pip'), 0o755);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('pipAllowances', () => {
  const ctx = () => ({ cwd: join(root, 'proj'), home: join(root, 'home'), env: { PATH: `${join(venv, 'bin')}:/usr/bin` } });

  it('writes the virtualenv the pip on PATH lives in, and the cache', () => {
    const a = pipAllowances(['pip', 'install', '-i', 'http://idx.test:8080/simple', 'x'], ctx());
    expect(a.allowWrite).toEqual([venv, join(root, 'home', '.cache', 'pip')]);
    expect(a.allowedDomains).toEqual(['idx.test']);
  });

  it('writes --target instead of the virtualenv, and the user site with --user', () => {
    expect(pipAllowances(['pip', 'install', '--target', 'lib', 'x'], ctx()).allowWrite[0]).toBe(join(root, 'proj', 'lib'));
    const user = pipAllowances(['python3', '-m', 'pip', 'install', '--user', 'x'], { ...ctx(), env: { PATH: '/usr/bin' } });
    expect(user.allowWrite).toContain(join(root, 'home', '.local', 'lib'));
    expect(user.allowWrite).not.toContain(venv);
  });

  it('uses $VIRTUAL_ENV when the program is not inside one', () => {
    const a = pipAllowances(['/usr/bin/pip3', 'install', 'x'], { ...ctx(), env: { PATH: '/usr/bin', VIRTUAL_ENV: venv } });
    expect(a.allowWrite).toContain(venv);
  });
});
