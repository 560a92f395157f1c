import http from 'node:http';
import type net from 'node:net';
import { checkTarget } from './check-target.js';
import { contextOf } from './connection-context.js';
import { noteAllocatedBytes } from './external-memory-valve.js';
import { openUpstreamWithEvents, upstreamAddress } from './open-upstream.js';
import { refusalMessage } from './refusal-message.js';
import { headerSafe, reportAllowed, reportRefusal } from './refuse.js';

/** Hop-by-hop headers: they describe one connection and must not cross the proxy. */
const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate',
  'te', 'trailer', 'transfer-encoding', 'upgrade',
]);

function endToEnd(raw: string[]): string[] {
  const named = new Set<string>();
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === 'connection') for (const t of raw[i + 1]!.split(',')) named.add(t.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const k = raw[i]!.toLowerCase();
    if (!HOP_BY_HOP.has(k) && !named.has(k)) out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

function withoutHost(raw: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() !== 'host') out.push(raw[i]!, raw[i + 1]!);
  return out;
}

function sendStatus(res: http.ServerResponse, code: number, text = ''): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * An absolute-URI request (`GET http://host/path`). Each request is judged on its own, so
 * keep-alive clients may switch hosts freely; each gets a fresh upstream connection
 * (sent `Connection: close`), which keeps response framing simple and correct.
 */
export async function forwardRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const ctx = contextOf.get(req.socket as net.Socket);
  if (!ctx) return void req.socket.destroy();
  let url: URL;
  try {
    url = new URL(req.url ?? '');
  } catch {
    return sendStatus(res, 400, 'fence: the proxy needs an absolute http:// URL\n');
  }
  if (url.protocol !== 'http:' || !/^http:\/\//i.test(req.url ?? '')) {
    return sendStatus(res, 400, 'fence: the proxy forwards only http:// URLs; use CONNECT for others\n');
  }
  // URL already converted IDN and IPv4 spellings; keep brackets off IPv6 for checkTarget.
  const port = url.port ? Number(url.port) : 80;
  const d = await checkTarget(url.hostname, port, ctx);
  if (!d.ok) {
    reportRefusal(ctx, 'http', d);
    const body = `${refusalMessage(d, ctx)}\n`;
    if (res.headersSent) return void res.destroy();
    res.writeHead(403, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'X-Fence-Blocked': headerSafe(d.host),
    });
    return void res.end(body);
  }
  reportAllowed(ctx, 'http', d.host, d.port, upstreamAddress(d.connectHost, d.port, ctx));
  req.pause();
  let upstream: net.Socket;
  try {
    upstream = await openUpstreamWithEvents(d.connectHost, d.port, ctx);
  } catch {
    return sendStatus(res, 502, 'fence: could not connect to the destination\n');
  }
  if (req.socket.destroyed) return void upstream.destroy();
  const out = http.request({
    createConnection: () => upstream,
    method: req.method,
    path: `${url.pathname}${url.search}`,
    // Host always names the judged destination: a different Host header would be domain fronting.
    headers: ['Host', url.host, ...withoutHost(endToEnd(req.rawHeaders))],
    setHost: false,
  });
  // A tunnel from the upstream proxy arrives paused (no byte may be lost); the parser is attached by now.
  out.on('socket', (s) => s.resume());
  out.on('error', () => {
    upstream.destroy();
    sendStatus(res, 502, 'fence: the destination failed\n');
  });
  out.on('response', (up) => {
    up.on('error', () => res.destroy());
    res.writeHead(up.statusCode ?? 502, up.statusMessage, endToEnd(up.rawHeaders));
    // Each body byte was allocated twice: by the socket read and by the parser's copy of it.
    up.on('data', (chunk: Buffer) => noteAllocatedBytes(2 * chunk.length));
    up.pipe(res);
  });
  res.on('close', () => {
    if (!res.writableFinished) out.destroy();
  });
  req.on('error', () => out.destroy());
  // The server's parser reads into a shared buffer, then copies each body chunk.
  req.on('data', (chunk: Buffer) => noteAllocatedBytes(chunk.length));
  req.pipe(out);
}
