// `node latency-client.mjs <proxy URL | direct> <host> <port> <count>`: opens
// <count> connections one after another (through the proxy with CONNECT, user:pass
// of the URL as Proxy-Authorization), waits for the target's one byte, closes.
// Prints the milliseconds of each as a JSON array. Runs inside the sandboxes.
import net from 'node:net';

const [proxyArg, host, portArg, countArg] = process.argv.slice(2);
const port = Number(portArg);
const count = Number(countArg);
const proxy = proxyArg === 'direct' ? null : new URL(proxyArg);

function once() {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const sock = proxy ? net.connect(Number(proxy.port), proxy.hostname) : net.connect(port, host);
    let buf = Buffer.alloc(0);
    let tunnelled = !proxy;
    const timer = setTimeout(() => sock.destroy(new Error('no answer within 30 s')), 30_000);
    sock.on('error', (e) => (clearTimeout(timer), reject(e)));
    sock.on('connect', () => {
      if (!proxy) return;
      const auth = proxy.username
        ? `Proxy-Authorization: Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}\r\n`
        : '';
      sock.write(`CONNECT ${host}:${port} HTTP/1.1\r\nHost: ${host}:${port}\r\n${auth}\r\n`);
    });
    sock.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      if (!tunnelled) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const status = buf.subarray(0, buf.indexOf('\r\n')).toString();
        if (!/^HTTP\/1\.[01] 200/.test(status)) return void sock.destroy(new Error(`proxy said: ${status}`));
        tunnelled = true;
        buf = buf.subarray(end + 4);
      }
      if (buf.length >= 1) {
        clearTimeout(timer);
        resolve(Number(process.hrtime.bigint() - start) / 1e6);
        sock.destroy();
      }
    });
  });
}

const samples = [];
for (let i = 0; i < count; i++) samples.push(await once());
process.stdout.write(`${JSON.stringify(samples)}\n`);
