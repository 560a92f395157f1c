import net from 'node:net';

/**
 * A tiny forward proxy standing in for Fence's: CONNECT tunnels, absolute-URI requests forwarded. Only it can
 * resolve the `.test` names (mapped to 127.0.0.1), so a child that reaches `target.test` must have used it.
 */
export interface ForwardProxy {
  url: string;
  /** One line per request: "CONNECT host:port" or "GET http://host:port/path". */
  log: string[];
  close(): Promise<void>;
}

export async function startForwardProxy(names: Record<string, string>): Promise<ForwardProxy> {
  const log: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end === -1) {
        if (head.length > 65536) client.destroy();
        return;
      }
      client.off('data', onData);
      client.pause();
      const [method = '', target = ''] = head.subarray(0, head.indexOf('\r\n')).toString('latin1').split(' ');
      log.push(`${method} ${target}`);
      let host: string;
      let port: number;
      if (method === 'CONNECT') {
        const colon = target.lastIndexOf(':');
        host = target.slice(0, colon);
        port = Number(target.slice(colon + 1));
      } else {
        const url = new URL(target);
        host = url.hostname;
        port = Number(url.port || 80);
      }
      const address = names[host];
      if (address === undefined) {
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
        return;
      }
      const upstream = net.connect(port, address);
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      upstream.on('connect', () => {
        if (method === 'CONNECT') {
          client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
          upstream.write(head.subarray(end + 4));
        } else {
          // The target server accepts the absolute form as it is; forward the bytes untouched.
          upstream.write(head);
        }
        client.pipe(upstream);
        upstream.pipe(client);
        client.resume();
      });
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
