// Idempotent set-up for `npm test`, `npm run demo` and `npm run bench`:
// dependencies (npm ci when missing or stale), system tools (bubblewrap, socat,
// strace), then the build. Never installs anything behind a non-root user's back.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, statSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const log = (m) => console.error(`[setup] ${m}`);

const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  log(`Node ${process.versions.node} is too old: fence needs Node 20 or newer.`);
  process.exit(1);
}

function stale() {
  const marker = join(root, 'node_modules/.package-lock.json');
  if (!existsSync(marker)) return true;
  return statSync(join(root, 'package-lock.json')).mtimeMs > statSync(marker).mtimeMs + 1000;
}

if (stale()) {
  log('installing npm dependencies (npm ci)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

const tools = [
  ['bwrap', 'bubblewrap'],
  ['socat', 'socat'],
  ['strace', 'strace'],
  // sandbox-runtime, the bench's point of comparison, refuses to start without ripgrep.
  ...(process.argv.includes('--bench') ? [['rg', 'ripgrep']] : []),
];
const has = (bin) => ['/usr/bin', '/bin', '/usr/local/bin', '/usr/sbin'].some((d) => existsSync(join(d, bin)));
const missing = tools.filter(([bin]) => !has(bin)).map(([, pkg]) => pkg);
if (missing.length && process.platform === 'linux') {
  const managers = [
    ['apt-get', (p) => [['apt-get', ['update', '-qq']], ['apt-get', ['install', '-y', '-qq', ...p]]]],
    ['dnf', (p) => [['dnf', ['install', '-y', ...p]]]],
    ['apk', (p) => [['apk', ['add', ...p]]]],
    ['pacman', (p) => [['pacman', ['-S', '--noconfirm', ...p]]]],
  ];
  const found = managers.find(([m]) => has(m));
  const isRoot = process.getuid?.() === 0;
  if (!found) {
    log(`missing: ${missing.join(' ')}; install them with your package manager and run this again.`);
    process.exit(1);
  }
  const steps = found[1](missing);
  if (!isRoot) {
    log(`missing: ${missing.join(' ')}. Run:\n  ${steps.map(([c, a]) => `sudo ${c} ${a.join(' ')}`).join(' && ')}\nthen run this command again.`);
    process.exit(1);
  }
  log(`installing ${missing.join(' ')} with ${found[0]}`);
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    if (r.status !== 0) {
      log(`${cmd} ${args.join(' ')} failed`);
      process.exit(1);
    }
  }
}

execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
