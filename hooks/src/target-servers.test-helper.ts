import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface Target {
  port: number;
  close(): Promise<void>;
}

/**
 * Answers every request with "<scheme> <path>", so a child can prove which server it reached. The path only: a
 * request the proxy forwarded in absolute form arrives with the whole URL.
 */
function answer(scheme: string): http.RequestListener {
  return (req, res) => {
    res.setHeader('connection', 'close');
    res.end(`${scheme} ${new URL(req.url ?? '/', 'http://any').pathname}`);
  };
}

async function listen(server: http.Server): Promise<Target> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function startHttpTarget(): Promise<Target> {
  return listen(http.createServer(answer('http')));
}

/** A TLS target with a throw-away self-signed certificate, or the reason it cannot be made (no openssl). */
export function startTlsTarget(dir: string): Promise<Target> | string {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
      '-subj', '/CN=tls.test', '-days', '1'], { stdio: 'ignore' });
  } catch (error) {
    return `openssl could not make a test certificate: ${String(error)}`;
  }
  return listen(https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, answer('https')));
}
