import { existsSync } from 'node:fs';
import { YARN_PLUGIN_SPEC } from '../install-paths/index.js';
import { isFenceShell, npmrcPath, readScriptShell } from '../npmrc/index.js';
import { pnpmConfigPath, readScriptShellYaml } from '../pnpm/index.js';
import { readOptional } from '../text-file/index.js';
import { listYarnPlugins, yarnrcPath } from '../yarn/index.js';
import type { CheckResult } from './check-result.js';

interface Place {
  file: string;
  value?: string;
}

/** Shared verdict: wired when some file names a fence entry that exists on disk. */
function verdict(id: string, title: string, places: Place[], fix: string): CheckResult {
  const found = places.filter((p) => p.value !== undefined);
  const detail = found.length ? found.map((p) => `${p.file}: ${p.value}`).join('; ') : `not wired (looked in ${places.map((p) => p.file).join(', ')})`;
  const missing = found.find((p) => !existsSync(p.value!));
  if (missing) return { id, title, status: 'warn', detail: `${detail}; ${missing.value} does not exist`, fix, required: false };
  return { id, title, status: found.length ? 'ok' : 'warn', detail, fix: found.length ? undefined : fix, required: false };
}

export function checkWiring(project: string, env: NodeJS.ProcessEnv = process.env): CheckResult[] {
  const shellIn = (read: (t: string | undefined) => string | undefined) => (file: string): Place => {
    const v = read(readOptional(file));
    return { file, value: v !== undefined && isFenceShell(v) ? v : undefined };
  };
  const npm = [false, true].map((global) => shellIn(readScriptShell)(npmrcPath({ global, project, env })));
  const pnpm = [false, true].map((global) => shellIn(readScriptShellYaml)(pnpmConfigPath({ global, project, env })));
  const yarn = [false, true].map((global): Place => {
    const file = yarnrcPath({ global, project, env });
    const ref = listYarnPlugins(readOptional(file)).find((r) => r.spec === YARN_PLUGIN_SPEC || r.path?.includes('plugin-fence'));
    // Yarn resolves a project plugin path against the project directory.
    const path = ref?.path && !ref.path.startsWith('/') ? `${project}/${ref.path}` : ref?.path;
    return { file, value: path };
  });
  return [
    verdict('npm-wiring', 'npm wiring (.npmrc script-shell)', npm, 'fence init npm'),
    verdict('pnpm-wiring', 'pnpm wiring (pnpm-workspace.yaml scriptShell)', pnpm, 'fence init pnpm'),
    verdict('yarn-wiring', 'Yarn wiring (.yarnrc.yml plugin)', yarn, 'fence init yarn'),
  ];
}
