// A recording HTTP server on 127.0.0.1 standing in for allowed.test (serves
// /payload) and exfil.test (accepts anything), so tests can see what got out.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The fixtures' default ports (fixtures/shared/fixture-lib/targets.js). */
export const FIXTURE_PORTS = { 'allowed.test': 18080, 'exfil.test': 18081 } as const;

export const PAYLOAD_BODY = 'fence-fixture-payload: downloaded through the allowed route\n';

export interface RecordedRequest {
  method: string;
  /** As sent: a path, or an absolute URI when a proxy forwarded the request. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordingServer {
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/** Listens on 127.0.0.1:port (0 picks a free port). GET /payload answers PAYLOAD_BODY, anything else 200 "ok". */
export function startHttpServer(port = 0): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const url = req.url ?? '';
      requests.push({ method: req.method ?? '', url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const isPayload = req.method === 'GET' && /(^|\/\/[^/]*)\/payload$/.test(url);
      res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' });
      res.end(isPayload ? PAYLOAD_BODY : 'ok\n');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        requests,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * For PLAIN (unsandboxed) runs only: lets the fixtures reach allowed.test and
 * exfil.test without DNS. A sandbox filters this variable out, as it should.
 */
export function plainHostsEnv(address = '127.0.0.1'): NodeJS.ProcessEnv {
  return { FENCE_FIXTURE_HOSTS: `allowed.test=${address},exfil.test=${address}` };
}
