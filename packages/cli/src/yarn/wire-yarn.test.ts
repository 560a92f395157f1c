import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { YARN_PLUGIN_SPEC, yarnBundlePath } from '../install-paths/index.js';
import { tempDirsPerTest } from '../test-support/temp-dir.js';
import { wireYarn } from './wire-yarn.js';
import { addYarnPlugin, listYarnPlugins, removeYarnPlugin } from './yarnrc-plugins.js';

const temp = tempDirsPerTest(afterEach);

describe('.yarnrc.yml plugins editing', () => {
  it('adds one entry, keeps comments and other plugins, and removes only ours', () => {
    const original = '# my settings\nnodeLinker: node-modules # flat\nplugins:\n  - path: .yarn/plugins/other.cjs\n    spec: other\n';
    const added = addYarnPlugin(original, '/opt/fence/plugin-fence.js', YARN_PLUGIN_SPEC);
    expect(added.text).toContain('# my settings\nnodeLinker: node-modules # flat\n');
    expect(listYarnPlugins(added.text)).toEqual([
      { path: '.yarn/plugins/other.cjs', spec: 'other' },
      { path: '/opt/fence/plugin-fence.js', spec: YARN_PLUGIN_SPEC },
    ]);
    expect(addYarnPlugin(added.text, '/opt/fence/plugin-fence.js', YARN_PLUGIN_SPEC).changed).toBe(false);
    expect(removeYarnPlugin(added.text, YARN_PLUGIN_SPEC).text).toBe(original);
  });

  it('creates plugins: when missing and drops it again when empty', () => {
    const added = addYarnPlugin('enableScripts: true\n', '/f.js', YARN_PLUGIN_SPEC);
    expect(added.text).toBe(`enableScripts: true\nplugins:\n  - path: /f.js\n    spec: "${YARN_PLUGIN_SPEC}"\n`);
    expect(removeYarnPlugin(added.text, YARN_PLUGIN_SPEC).text).toBe('enableScripts: true\n');
  });
});

describe('fence init yarn', () => {
  it('reports a clear error when the plugin bundle is not built', () => {
    const dir = temp('yarn-missing');
    const missing = join(dir, 'bundles/@yarnpkg/plugin-fence.js');
    const wire = () => wireYarn({ project: dir, global: false, remove: false }, () => yarnBundlePath(missing));
    expect(wire).toThrow(/Yarn plugin bundle is missing .*plugin-fence\.js.*npm run build/);
  });

  it('--global adds the bundle to ~/.yarnrc.yml and --remove takes it out', () => {
    const dir = temp('yarn-global');
    const bundle = join(dir, 'plugin-fence.js');
    writeFileSync(bundle, '');
    writeFileSync(join(dir, '.yarnrc.yml'), '# mine\nenableTelemetry: false\n');
    const env = { ...process.env, HOME: dir };
    wireYarn({ project: dir, global: true, remove: false, env }, () => bundle);
    expect(listYarnPlugins(readFileSync(join(dir, '.yarnrc.yml'), 'utf8'))).toEqual([{ path: bundle, spec: YARN_PLUGIN_SPEC }]);
    wireYarn({ project: dir, global: true, remove: true, env }, () => bundle);
    expect(readFileSync(join(dir, '.yarnrc.yml'), 'utf8')).toBe('# mine\nenableTelemetry: false\n');
  });

  it('runs real `yarn plugin import` with a stand-in bundle, then `yarn plugin remove`', () => {
    const dir = temp('yarn-import');
    const bundle = join(dir, 'plugin-fence.js');
    // The smallest valid Yarn plugin bundle under our plugin name.
    writeFileSync(bundle, `module.exports = { name: '${YARN_PLUGIN_SPEC}', factory: () => ({ default: {} }) };\n`);
    writeFileSync(join(dir, 'package.json'), '{"name":"p","version":"1.0.0"}');
    const env = { ...process.env, HOME: join(dir, 'home'), YARN_ENABLE_TELEMETRY: '0', YARN_ENABLE_GLOBAL_CACHE: '0' };
    const added = wireYarn({ project: dir, global: false, remove: false, env }, () => bundle);
    expect(added.ok, added.lines.join('\n')).toBe(true);
    // Yarn copies the bundle into the project under the plugin's own name.
    expect(listYarnPlugins(readFileSync(join(dir, '.yarnrc.yml'), 'utf8')).map((p) => p.path)).toEqual(['.yarn/plugins/@yarnpkg/plugin-fence.cjs']);
    expect(existsSync(join(dir, '.yarn/plugins/@yarnpkg/plugin-fence.cjs'))).toBe(true);
    const removed = wireYarn({ project: dir, global: false, remove: true, env }, () => bundle);
    expect(removed.ok, removed.lines.join('\n')).toBe(true);
    expect(listYarnPlugins(readFileSync(join(dir, '.yarnrc.yml'), 'utf8'))).toEqual([]);
  });
});
