// Child process: the far end of the proxy measurements, on 127.0.0.1. An HTTP
// server answering GET /bytes/<n> with n bytes, and a TCP server that sends one
// byte and closes (the small-request latency target). Prints its ports as JSON.
import http from 'node:http';
import net from 'node:net';

const CHUNK = Buffer.alloc(1 << 20, 0x61);

const web = http.createServer((req, res) => {
  const m = /^\/bytes\/(\d+)$/.exec(req.url ?? '');
  if (!m) return void res.writeHead(404).end();
  let left = Number(m[1]);
  res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(left) });
  const pump = () => {
    while (left > 0) {
      const n = Math.min(left, CHUNK.length);
      left -= n;
      if (!res.write(n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n))) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
});
const raw = net.createServer((s) => {
  s.on('error', () => {});
  s.end('x');
});
await Promise.all([new Promise((r) => web.listen(0, '127.0.0.1', r)), new Promise((r) => raw.listen(0, '127.0.0.1', r))]);
process.stdout.write(`${JSON.stringify({ http: web.address().port, raw: raw.address().port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
