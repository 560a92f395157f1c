import { describe, expect, it } from 'vitest';
import { commandProfile } from './command-profile.js';

describe('commandProfile', () => {
  it('recognises pip, cargo and the JavaScript package managers', () => {
    expect(commandProfile(['pip', 'install', 'x'])).toBe('pip');
    expect(commandProfile(['/v/bin/pip3.11', 'install'])).toBe('pip');
    expect(commandProfile(['python3', '-m', 'pip', 'install'])).toBe('pip');
    expect(commandProfile(['uv', 'pip', 'install'])).toBe('pip');
    expect(commandProfile(['cargo', 'build'])).toBe('cargo');
    expect(commandProfile(['npm', 'ci'])).toBe('npm');
    expect(commandProfile(['pnpm', 'install'])).toBe('pnpm');
    expect(commandProfile(['yarn'])).toBe('yarn');
  });

  it('gives nothing for other commands and shell strings', () => {
    expect(commandProfile(['python3', 'setup.py', 'install'])).toBeUndefined();
    expect(commandProfile(['make'])).toBeUndefined();
    expect(commandProfile(['/bin/sh', '-c', 'pip install x'])).toBeUndefined();
  });
});
