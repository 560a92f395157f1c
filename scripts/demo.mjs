// `npm run demo`: installs fixtures/demo-project twice, offline, with a planted
// fake HOME and fake tokens: once plainly (the attacks work), once with fence's
// script-shell (they are refused while the native addon still builds), then
// shows what was blocked. Everything stays on this machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASHRC_CONTENT, envFor, leakedMarkers, makeProject, plainHostsEnv, readLoot, startHttpServer, succeeded } from '../test/helpers/dist/index.js';

const root = join(fileURLToPath(import.meta.url), '../..');
const compiledShell = join(root, 'plugins/npm/dist/native/fence-shell');
const fenceShell = existsSync(compiledShell) ? compiledShell : join(root, 'plugins/npm/bin/fence-shell');
const demoDeps = JSON.parse(readFileSync(join(root, 'fixtures/demo-project/package.json'), 'utf8')).dependencies;
const deps = Object.fromEntries(Object.keys(demoDeps).map((name) => [name, name]));
const attacks = Object.keys(deps).filter((d) => !['benign-postinstall', 'native-addon'].includes(d));
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

async function install(label, sandboxed, exfil) {
  const project = await makeProject({ deps, pm: 'npm', ports: { exfil: exfil.port }, npmrcExtra: sandboxed ? `script-shell=${fenceShell}` : undefined });
  const logDir = join(project.root, 'logs');
  const env = envFor(project.home, {
    extra: sandboxed
      ? { FENCE_LOG_DIR: logDir, FENCE_TEST_HOSTS: JSON.stringify({ 'exfil.test': '127.0.0.1', 'allowed.test': '127.0.0.1' }) }
      : plainHostsEnv(),
  });
  const before = exfil.requests.length;
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: project.dir, env, encoding: 'utf8' });
  const loot = {};
  for (const a of attacks) {
    // "Worked" by the script's own account; what matters is whether a planted secret came out.
    const got = await readLoot(project.dir, a);
    loot[a] = succeeded(got).map((what) => (leakedMarkers(JSON.stringify(got.attempts[what])).length ? `${what} (SECRET)` : what));
  }
  const addon = spawnSync(process.execPath, ['-e', 'console.log(require("native-addon").answer())'], { cwd: project.dir, encoding: 'utf8' }).stdout.trim();
  const bashrc = readFileSync(join(project.home, '.bashrc'), 'utf8');
  const hook = existsSync(join(project.dir, '.git/hooks/pre-commit'));
  const logs = existsSync(logDir) ? readdirSync(logDir).map((f) => join(logDir, f)) : [];
  console.log(`\n${bold(label)}: npm install exited ${r.status}${r.status ? `\n${r.stderr.trim().split('\n').slice(-5).join('\n')}` : ''}`);
  for (const [pkg, won] of Object.entries(loot)) console.log(`  ${pkg.padEnd(14)} ${won.length ? `did: ${won.join(', ')}` : 'did nothing'}`);
  if (sandboxed) console.log('  (no planted secret came out: these touched only the sandbox itself, its own /proc and private /tmp)');
  console.log(`  exfil server received ${exfil.requests.length - before} request(s)`);
  console.log(`  ~/.bashrc ${bashrc === BASHRC_CONTENT ? 'untouched' : 'MODIFIED'}; .git/hooks/pre-commit ${hook ? 'PLANTED' : 'absent'}`);
  console.log(`  native addon answer(): ${addon || '(not built)'}`);
  return { project, logs };
}

const exfil = await startHttpServer(0);
try {
  console.log(bold('fence demo: the same project installed plainly, then through fence (offline, fake HOME and tokens)'));
  const plain = await install('Without fence', false, exfil);
  const fenced = await install('With fence (script-shell = fence-shell)', true, exfil);
  console.log(`\n${bold('What fence refused')} (from the session log):`);
  const events = fenced.logs.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
  for (const ev of events.filter((e) => e.type === 'network'))
    console.log(`  ${String(ev.package).padEnd(14)} ${ev.event ?? ''} -> ${ev.host}:${ev.port} (${ev.reason})`);
  const cli = join(root, 'packages/cli/bin/fence.js');
  if (fenced.logs[0] && existsSync(cli)) {
    const rep = spawnSync(process.execPath, [cli, 'report', '--log', fenced.logs[0]], { cwd: fenced.project.dir, encoding: 'utf8' });
    if (rep.status === 0 && rep.stdout.trim()) console.log(`\n${bold('fence report')}:\n${rep.stdout.trimEnd()}`);
  }
  console.log('\nSecrets read by a sandboxed script come back empty: its HOME is an empty stand-in, tokens are not in its');
  console.log('environment, and it can write only its own package directory. Try: fence scripts, fence report --suggest.');
  await plain.project.cleanup();
  await fenced.project.cleanup();
} finally {
  await exfil.close();
}
