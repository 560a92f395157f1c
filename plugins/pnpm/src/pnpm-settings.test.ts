import { existsSync, realpathSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fencePnpmEnv, fencePnpmSettings } from './index.js';

describe('fence pnpm settings', () => {
  it("name this checkout's fence-shell by absolute path and turn the side-effects cache off", () => {
    const { scriptShell, sideEffectsCache } = fencePnpmSettings();
    expect(scriptShell).toMatch(/^\/.*\/plugins\/npm\/bin\/fence-shell$/);
    expect(existsSync(realpathSync(scriptShell))).toBe(true);
    expect(sideEffectsCache).toBe(false);
    expect(fencePnpmEnv('/opt/fence/fence-shell')).toEqual({
      pnpm_config_script_shell: '/opt/fence/fence-shell',
      pnpm_config_side_effects_cache: 'false',
    });
  });
});
