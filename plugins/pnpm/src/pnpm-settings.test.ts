import { existsSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fencePnpmEnv, fencePnpmSettings } from './index.js';

describe('fence pnpm settings', () => {
  it("name this checkout's fence-shell by absolute path and turn the side-effects cache off", () => {
    const { scriptShell, sideEffectsCache } = fencePnpmSettings();
    // The compiled script-shell when the build made it, else the POSIX one.
    expect(scriptShell).toMatch(/^\/.*\/plugins\/npm\/(dist\/native|bin)\/fence-shell$/);
    expect(scriptShell.includes('/dist/native/')).toBe(existsSync(scriptShell.replace(/bin\/fence-shell$/, 'dist/native/fence-shell')));
    expect(existsSync(realpathSync(scriptShell))).toBe(true);
    expect(sideEffectsCache).toBe(false);
    expect(fencePnpmEnv('/opt/fence/fence-shell')).toEqual({
      pnpm_config_script_shell: '/opt/fence/fence-shell',
      pnpm_config_side_effects_cache: 'false',
    });
  });
});
