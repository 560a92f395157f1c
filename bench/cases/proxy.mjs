// Cases 3 and 4: what a sandboxed script sees of the egress proxy. Download
// throughput (curl, absolute-URI GET and CONNECT) and new-connection latency
// (CONNECT + 1 byte), direct / through fence (inside fence-shell's sandbox, via its
// bridge to the session broker) / through srt (inside srt, via its bridge).
// Then the broker's peak RSS after all of it, against srt's parent process.
import { spawn } from 'node:child_process';
import { runOut } from '../lib/time-spawn.mjs';
import { interleave } from '../lib/interleave.mjs';
import { fenceScriptSpawn } from '../lib/fence-script.mjs';
import { srtScriptSpawn } from '../lib/srt-setup.mjs';
import { startByteServer } from '../lib/byte-server.mjs';
import { curlDownload, latencyRun, parseDownload } from '../lib/sandbox-clients.mjs';
import { memoryOf, brokerPid } from '../lib/process-memory.mjs';

export async function proxyCase({ plan, project, srt, testHost }) {
  const server = await startByteServer();
  try {
    return await measure({ plan, project, srt, testHost, server });
  } finally {
    server.stop();
  }
}

async function measure({ plan, project, srt, testHost, server }) {
  const bytes = plan.proxyMB * 1e6;
  const runners = {
    direct: (script) => runOut('/bin/sh', ['-c', script]),
    fence: (script) => {
      const s = fenceScriptSpawn(project, script);
      return runOut(s.cmd, s.args, s.options);
    },
    srt: (script) => {
      const s = srtScriptSpawn(srt.settings, script, project.pkgDir);
      return runOut(s.cmd, s.args, s.options);
    },
  };
  const hosts = { direct: '127.0.0.1', fence: testHost, srt: 'localhost' };
  const sides = srt.skip ? ['direct', 'fence'] : ['direct', 'fence', 'srt'];

  const dl = [];
  for (const side of sides) {
    for (const connect of side === 'direct' ? [false] : [false, true]) {
      const script = curlDownload({ host: hosts[side], port: server.http, bytes, connect, viaProxy: side !== 'direct' });
      dl.push({ name: side === 'direct' ? 'direct' : `${side} ${connect ? 'CONNECT' : 'GET'}`, run: async () => parseDownload(runners[side](script), bytes) });
    }
  }
  const throughput = await interleave(dl, { runs: plan.proxyRounds, warmup: 1, label: 'throughput: ' });

  const lat = sides.map((side) => ({
    name: side === 'direct' ? 'direct' : `${side} CONNECT`,
    run: async () => JSON.parse(runners[side](latencyRun({
      host: hosts[side], rawPort: server.raw, httpPort: server.http, count: plan.latencyPerRound, viaProxy: side !== 'direct',
    })).trim().split('\n').pop()),
  }));
  const latency = await interleave(lat, { runs: plan.proxyRounds, warmup: 1, label: 'latency: ' });

  const memory = { notes: [] };
  try {
    const pid = await brokerPid(fenceScriptSpawn(project, 'true').options.env);
    memory.fenceBroker = { pid, ...memoryOf(pid) };
  } catch (e) {
    memory.notes.push(`fence broker memory not read: ${e.message}`);
  }
  if (!srt.skip) memory.srtParent = await srtPeakMemory({ srt, project, server, plan, bytes });

  const connections = (plan.proxyRounds + 1) * plan.latencyPerRound;
  const skipped = srt.skip ? { srt: srt.skip } : {};
  return [
    {
      key: 'throughput',
      title: `Proxy download throughput, ${plan.proxyMB} MB (curl inside the sandbox)`,
      unit: 'MB/s', baseline: 'direct', higherIsBetter: true, results: throughput, skipped,
    },
    {
      key: 'latency',
      title: 'New connection + CONNECT + 1 byte (from inside the sandbox)',
      unit: 'ms', baseline: 'direct', results: latency, skipped,
      notes: [`${connections} sequential connections per variant; samples pooled.`],
    },
    {
      key: 'memory',
      title: 'Proxy process peak memory after the runs above',
      unit: 'MiB', baseline: 'fence broker', skipped,
      results: new Map([
        ['fence broker', memory.fenceBroker ? { samples: [memory.fenceBroker.hwmMiB] } : { samples: [], error: memory.notes.join(' ') }],
        ...(srt.skip ? [] : [['srt parent', memory.srtParent?.hwmMiB != null ? { samples: [memory.srtParent.hwmMiB] } : { samples: [], error: memory.srtParent?.error ?? 'not read' }]]),
      ]),
      extra: { memory },
      notes: [
        memory.fenceBroker ? `fence session broker (pid ${memory.fenceBroker.pid}): VmHWM ${memory.fenceBroker.hwmMiB} MiB, VmRSS now ${memory.fenceBroker.rssMiB} MiB, after serving every fence run of this bench so far` : null,
        memory.srtParent?.hwmMiB != null ? `srt parent process: VmHWM ${memory.srtParent.hwmMiB} MiB after one ${plan.proxyMB} MB CONNECT download and ${connections} connections` : memory.srtParent?.error ?? null,
        ...memory.notes,
      ].filter(Boolean),
    },
  ];
}

// One srt run carrying the same load, its VmHWM polled from outside until it exits.
async function srtPeakMemory({ srt, project, server, plan, bytes }) {
  const host = 'localhost';
  const script = [
    curlDownload({ host, port: server.http, bytes, connect: true, viaProxy: true }),
    latencyRun({ host, rawPort: server.raw, httpPort: server.http, count: (plan.proxyRounds + 1) * plan.latencyPerRound, viaProxy: true }),
    'sleep 0.5',
  ].join(' && ');
  const s = srtScriptSpawn(srt.settings, script, project.pkgDir);
  const child = spawn(s.cmd, s.args, { ...s.options, stdio: ['ignore', 'ignore', 'pipe'] });
  let last = null;
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setInterval(() => (last = memoryOf(child.pid) ?? last), 100);
  const code = await new Promise((r) => child.on('exit', (c, sig) => r(c ?? sig)));
  clearInterval(timer);
  if (code !== 0) return { error: `srt memory run failed (${code}): ${stderr.trim().split('\n').slice(-2).join(' | ')}` };
  return { pid: child.pid, ...last };
}
