// @fence/plugin-pnpm: pnpm runs npm's fence-shell; this package names the settings that wire it.
export { fencePnpmEnv, fencePnpmSettings, type FencePnpmSettings } from './pnpm-settings.js';
