import net from 'node:net';

/**
 * A connected TCP socket, or a rejection after `timeoutMs`. Half-open is allowed so a
 * half-close can be passed on; `onread` makes the socket read into the caller's buffer.
 */
export function connectTcp(host: string, port: number, timeoutMs: number, onread?: net.OnReadOpts): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, allowHalfOpen: true, noDelay: true, onread });
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(timeoutMs, () => fail(new Error(`connect to ${host}:${port} timed out`)));
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeListener('error', fail);
      // Until the caller attaches its own handlers, an early reset must not become an uncaught error.
      socket.on('error', () => socket.destroy());
      resolve(socket);
    });
  });
}
