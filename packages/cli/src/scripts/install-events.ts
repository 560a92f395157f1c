import type { ScriptEvent, ScriptManifest } from './types.js';

const EVENTS = ['preinstall', 'install', 'postinstall'] as const;

/**
 * The install-time scripts of a manifest, in run order. Like npm and pnpm, a
 * binding.gyp without an install or preinstall script means `node-gyp rebuild`
 * (unless the manifest says `"gypfile": false`).
 */
export function installEvents(manifest: ScriptManifest, hasBindingGyp: boolean): ScriptEvent[] {
  const scripts = manifest.scripts && typeof manifest.scripts === 'object' ? (manifest.scripts as Record<string, unknown>) : {};
  const own = (e: string) => (typeof scripts[e] === 'string' && scripts[e] !== '' ? (scripts[e] as string) : undefined);
  const out: ScriptEvent[] = [];
  for (const event of EVENTS) {
    const command = own(event);
    if (command !== undefined) out.push({ event, command });
    else if (event === 'install' && hasBindingGyp && manifest.gypfile !== false && own('preinstall') === undefined)
      out.push({ event, command: 'node-gyp rebuild', implicit: true });
  }
  return out;
}
