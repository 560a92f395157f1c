import { fenceShellPath } from '../install-paths/index.js';
import { readOptional, writeIfChanged } from '../text-file/index.js';
import type { WiringOptions, WiringReport } from '../wiring-options.js';
import { removeScriptShell, setScriptShell } from './edit-npmrc.js';
import { isFenceShell } from './is-fence-shell.js';
import { npmrcPath } from './npmrc-path.js';

/** `fence init npm`: points npm's script-shell at fence-shell (or takes it back). */
export function wireNpm(opts: WiringOptions, shell: () => string = fenceShellPath): WiringReport {
  const file = npmrcPath(opts);
  const before = readOptional(file);
  if (opts.remove) {
    const edit = removeScriptShell(before, (v) => isFenceShell(v));
    if (edit.changed) writeIfChanged(file, before, edit.text);
    const lines = [edit.changed ? `removed fence's script-shell from ${file}` : `no fence script-shell in ${file}; nothing to do`];
    if (edit.others.length) lines.push(`left alone: script-shell=${edit.others.join(', ')} (not fence's)`);
    return { ok: true, lines };
  }
  const path = shell();
  const edit = setScriptShell(before, path);
  writeIfChanged(file, before, edit.text);
  const lines = [edit.changed ? `wrote script-shell=${path} to ${file}` : `${file} already has script-shell=${path}`];
  if (edit.others.length) lines.push(`replaced the previous script-shell: ${edit.others.join(', ')}`);
  lines.push('every npm lifecycle script (install, ci, rebuild, run, exec) now runs through fence-shell');
  return { ok: true, lines };
}
