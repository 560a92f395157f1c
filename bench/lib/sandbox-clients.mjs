// Shell snippets for the clients that run inside a sandbox, against the proxy the
// sandbox names in $HTTP_PROXY (fence: its bridge to the broker; srt: its bridge
// to its own proxy, with credentials in the URL).
import path from 'node:path';
import { BENCH_DIR } from './paths.mjs';

const LATENCY_CLIENT = path.join(BENCH_DIR, 'lib/latency-client.mjs');
const q = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

// The in-sandbox bridge may still be starting: wait (bounded) until one byte comes through.
function waitForProxy(host, port) {
  return `i=0; until curl -s --noproxy '' -o /dev/null -x "$HTTP_PROXY" http://${host}:${port}/bytes/1; do ` +
    `i=$((i+1)); [ $i -ge 200 ] && { echo "proxy never answered" >&2; exit 9; }; sleep 0.05; done`;
}

/** curl downloading `bytes`; prints "<size> <bytes per second>". */
export function curlDownload({ host, port, bytes, connect, viaProxy }) {
  const proxy = viaProxy ? `-x "$HTTP_PROXY" ${connect ? '-p' : ''}` : '';
  const cmd = `curl -sS --noproxy '' -o /dev/null -w '%{size_download} %{speed_download}\\n' ${proxy} http://${host}:${port}/bytes/${bytes}`;
  return viaProxy ? `${waitForProxy(host, port)}; ${cmd}` : cmd;
}

/** The latency client: `count` fresh connections (CONNECT through $HTTP_PROXY unless direct). */
export function latencyRun({ host, rawPort, count, viaProxy, httpPort }) {
  const cmd = `node ${q(LATENCY_CLIENT)} ${viaProxy ? '"$HTTP_PROXY"' : 'direct'} ${host} ${rawPort} ${count}`;
  return viaProxy ? `${waitForProxy(host, httpPort)}; ${cmd}` : cmd;
}

/** MB/s (10^6 bytes) from curl's "<size> <speed>" line; throws when the size is short. */
export function parseDownload(stdout, bytes) {
  const [size, speed] = stdout.trim().split('\n').pop().split(' ').map(Number);
  if (size !== bytes) throw new Error(`downloaded ${size} of ${bytes} bytes`);
  return speed / 1e6;
}
