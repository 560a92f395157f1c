// What the numbers were measured on: kernel, CPU, load and tool versions.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { PNPM_BIN, YARN_BIN, SRT_CLI } from './paths.mjs';

function version(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000, env: { ...process.env, COREPACK_ENABLE_STRICT: '0' } });
  if (r.status !== 0) return null;
  return `${r.stdout}${r.stderr}`.trim().split('\n')[0].replace(/^bubblewrap\s+/, '');
}

function cpuModel() {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    return line ? line.split(':')[1].trim() : os.cpus()[0]?.model ?? null;
  } catch {
    return os.cpus()[0]?.model ?? null;
  }
}

export function machineInfo() {
  return {
    kernel: version('uname', ['-r']),
    os: `${os.type()} ${os.release()}`,
    cpu: cpuModel(),
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    versions: {
      node: process.versions.node,
      npm: version('npm', ['--version']),
      pnpm: version(PNPM_BIN, ['--version']),
      yarn: version(YARN_BIN, ['--version']),
      bwrap: version('bwrap', ['--version']),
      socat: version('socat', ['-V'])?.replace(/^.*socat/i, 'socat') ?? null,
      curl: version('curl', ['--version'])?.split(' ')[1] ?? null,
      srt: version(process.execPath, [SRT_CLI, '--version']),
    },
  };
}
