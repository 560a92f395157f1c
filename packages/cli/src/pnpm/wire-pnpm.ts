import { rmSync } from 'node:fs';
import { fenceShellPath } from '../install-paths/index.js';
import { isFenceShell } from '../npmrc/index.js';
import { readOptional, writeIfChanged } from '../text-file/index.js';
import type { WiringOptions, WiringReport } from '../wiring-options.js';
import { pnpmConfigPath } from './pnpm-config-path.js';
import { removePnpmShell, setPnpmShell } from './workspace-yaml.js';

/** `fence init pnpm`: scriptShell + sideEffectsCache:false in pnpm-workspace.yaml (or pnpm's global config.yaml). */
export function wirePnpm(opts: WiringOptions, shell: () => string = fenceShellPath): WiringReport {
  const file = pnpmConfigPath(opts);
  const before = readOptional(file);
  if (opts.remove) {
    const edit = removePnpmShell(before, (v) => isFenceShell(v));
    if (edit.changed) {
      if (edit.text === undefined) rmSync(file);
      else writeIfChanged(file, before, edit.text);
    }
    const lines = [edit.changed ? `removed fence's scriptShell (and its sideEffectsCache: false) from ${file}` : `no fence scriptShell in ${file}; nothing to do`];
    if (edit.otherShell) lines.push(`left alone: scriptShell: ${edit.otherShell} (not fence's)`);
    return { ok: true, lines };
  }
  const path = shell();
  const edit = setPnpmShell(before, path);
  writeIfChanged(file, before, edit.text!);
  const lines = [edit.changed ? `wrote scriptShell: ${path} to ${file}` : `${file} already has scriptShell: ${path}`];
  if (edit.otherShell) lines.push(`replaced the previous scriptShell: ${edit.otherShell}`);
  lines.push(
    'set sideEffectsCache: false: pnpm would otherwise restore a dependency build from its cache without running the',
    'script, and that build may have been made outside the sandbox; now every build runs inside it.',
  );
  return { ok: true, lines };
}
