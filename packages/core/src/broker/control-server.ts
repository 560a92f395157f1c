import net from 'node:net';

/** Largest control request accepted (a register message with a long allowlist fits easily). */
const MAX_REQUEST_BYTES = 1024 * 1024;

/** Answers one request line with the raw reply text; the socket is ended after the reply. */
export type LineHandler = (msg: Record<string, unknown>) => Promise<string>;

/**
 * The control protocol: one JSON line in, one reply out, then the connection ends. Ending
 * after each reply lets `socat` (used by shell callers) read a whole reply without framing.
 */
export function createControlServer(handle: LineHandler, onRequest: () => void): net.Server {
  return net.createServer((socket) => {
    socket.on('error', () => socket.destroy());
    socket.setTimeout(30_000, () => socket.destroy());
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      const nl = buf.indexOf('\n');
      if (nl < 0) {
        if (buf.length > MAX_REQUEST_BYTES) socket.destroy();
        return;
      }
      socket.removeListener('data', onData);
      socket.removeListener('end', onEnd);
      void answer(buf.slice(0, nl));
    };
    const onEnd = () => {
      socket.removeListener('data', onData);
      // A request without a trailing newline (e.g. `echo -n ... | socat`) still counts.
      if (buf.trim()) void answer(buf);
      else socket.destroy();
    };
    const answer = async (line: string) => {
      onRequest();
      let reply: string;
      try {
        const msg: unknown = JSON.parse(line);
        if (!msg || typeof msg !== 'object' || Array.isArray(msg)) throw new Error('request must be a JSON object');
        reply = await handle(msg as Record<string, unknown>);
      } catch (err) {
        reply = `${JSON.stringify({ ok: false, error: (err as Error).message })}\n`;
      }
      if (!socket.destroyed) socket.end(reply);
    };
    socket.on('data', onData);
    socket.on('end', onEnd);
  });
}
