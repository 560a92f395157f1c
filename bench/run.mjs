// `npm run bench [-- --quick] [--only per-script,install,proxy,preload] [--runs N]`:
// fence side by side with bare processes, bubblewrap and srt, in one run, medians
// of interleaved runs. Writes bench/results.json and bench/results.md, prints the table.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from './lib/args.mjs';
import { machineInfo } from './lib/machine.mjs';
import { BENCH_DIR } from './lib/paths.mjs';
import { benchTmp, removeBenchTmp } from './lib/temp.mjs';
import { makeFenceProject, TEST_HOST } from './lib/fence-script.mjs';
import { writeSrtSettings, srtUnavailable } from './lib/srt-setup.mjs';
import { caseJson, resultsMarkdown } from './lib/report.mjs';
import { perScriptCase } from './cases/per-script.mjs';
import { installCase } from './cases/install.mjs';
import { proxyCase } from './cases/proxy.mjs';
import { preloadCase } from './cases/preload.mjs';

const { quick, only, plan } = parseArgs(process.argv.slice(2));
const started = Date.now();
const machine = machineInfo();
process.on('SIGINT', () => {
  removeBenchTmp();
  process.exit(130);
});

const json = { date: new Date().toISOString(), mode: quick ? 'quick' : 'full', plan, machine, cases: {} };
try {
  // One project and one broker for the per-script and proxy cases: this process owns the session.
  const project = makeFenceProject(benchTmp('owner-project'));
  const srtSettings = writeSrtSettings(benchTmp('srt'), { allowedDomains: ['localhost'], allowWrite: [project.root] });
  const srt = { settings: srtSettings, skip: srtUnavailable(srtSettings) ?? undefined };
  if (srt.skip) process.stderr.write(`[bench] srt skipped: ${srt.skip}\n`);

  const runCase = async (key, fn) => {
    if (!only.includes(key)) return;
    process.stderr.write(`[bench] case ${key}\n`);
    const t = Date.now();
    const out = await fn();
    // A case may report several tables (the proxy: throughput, latency, memory).
    const list = Array.isArray(out) ? out : [out];
    list.forEach((c, i) => (json.cases[list.length > 1 ? `${key}-${c.key ?? i + 1}` : key] = caseJson(c)));
    process.stderr.write(`[bench] case ${key}: ${Math.round((Date.now() - t) / 100) / 10} s\n`);
  };
  await runCase('per-script', () => perScriptCase({ runs: plan.perScript, project, srt }));
  await runCase('preload', () => preloadCase({ runs: plan.preload }));
  await runCase('proxy', () => proxyCase({ plan, project, srt, testHost: TEST_HOST }));
  await runCase('install', () => installCase({ runs: plan.install, packages: plan.installPackages, srt }));
} finally {
  removeBenchTmp();
}

json.seconds = Math.round((Date.now() - started) / 100) / 10;
const md = resultsMarkdown(json);
writeFileSync(path.join(BENCH_DIR, 'results.json'), `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(path.join(BENCH_DIR, 'results.md'), `${md}\n`);
process.stdout.write(`${md}\n(${json.seconds} s; written to bench/results.json and bench/results.md)\n`);
