import { fenceRoot } from '@fence/core';
import { YARN_PLUGIN_SPEC, yarnBundlePath } from '../install-paths/index.js';
import { readOptional, writeIfChanged } from '../text-file/index.js';
import type { WiringOptions, WiringReport } from '../wiring-options.js';
import { runYarn } from './run-yarn.js';
import { removeFenceRoot, setFenceRoot } from './yarnrc-fence-root.js';
import { yarnrcPath } from './yarnrc-path.js';
import { addYarnPlugin, removeYarnPlugin } from './yarnrc-plugins.js';

/**
 * `fence init yarn`: in a project, `yarn plugin import <bundle>` (Yarn copies it into
 * .yarn/plugins and records it in .yarnrc.yml); globally, an entry in ~/.yarnrc.yml.
 */
export function wireYarn(opts: WiringOptions, bundle: () => string = yarnBundlePath): WiringReport {
  if (opts.global) {
    const file = yarnrcPath(opts);
    const before = readOptional(file);
    if (opts.remove) {
      const unrooted = removeFenceRoot(before);
      const removed = removeYarnPlugin(unrooted.text, YARN_PLUGIN_SPEC);
      const edit = { text: removed.text, changed: unrooted.changed || removed.changed };
      if (edit.changed) writeIfChanged(file, before, edit.text ?? '');
      return { ok: true, lines: [edit.changed ? `removed ${YARN_PLUGIN_SPEC} from ${file}` : `no ${YARN_PLUGIN_SPEC} in ${file}; nothing to do`] };
    }
    const path = bundle();
    const added = addYarnPlugin(before, path, YARN_PLUGIN_SPEC);
    const rooted = setFenceRoot(added.text, fenceRoot());
    const edit = { text: rooted.text, changed: added.changed || rooted.changed };
    if (edit.changed) writeIfChanged(file, before, edit.text!);
    return { ok: true, lines: [edit.changed ? `added ${YARN_PLUGIN_SPEC} (${path}) to ${file}` : `${file} already loads ${path}`] };
  }
  const rcFile = yarnrcPath(opts);
  // Yarn refuses to start with a setting no loaded plugin declares: fenceRoot goes before the plugin does.
  if (opts.remove) editFile(rcFile, removeFenceRoot);
  const args = opts.remove ? ['plugin', 'remove', YARN_PLUGIN_SPEC] : ['plugin', 'import', bundle()];
  const r = runYarn(opts.project, args, opts.env);
  if (!opts.remove && r.status === 0) editFile(rcFile, (text) => setFenceRoot(text, fenceRoot()));
  const lines = [`yarn ${args.join(' ')}: ${r.status === 0 ? 'done' : `failed (exit ${r.status})`}`];
  if (r.status !== 0) lines.push(r.output.trim());
  else if (!opts.remove) lines.push('Yarn lifecycle scripts (dependency builds, yarn run) now run in the fence sandbox');
  return { ok: r.status === 0, lines };
}

function editFile(file: string, edit: (text: string | undefined) => { text: string | undefined; changed: boolean }): void {
  const before = readOptional(file);
  const after = edit(before);
  if (after.changed) writeIfChanged(file, before, after.text ?? '');
}
