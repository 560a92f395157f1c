import type net from 'node:net';
import { checkTarget } from './check-target.js';
import { formatIp } from './ip-literal.js';
import { joinSockets } from './join-sockets.js';
import { openUpstream, upstreamAddress } from './open-upstream.js';
import { reportAllowed, reportRefusal } from './refuse.js';
import type { ReusedReadSocket } from './reused-read-socket.js';
import type { ProxyContext } from './types.js';

/** SOCKS5 reply codes (RFC 1928). */
const REP = { ok: 0x00, failure: 0x01, notAllowed: 0x02, unreachable: 0x04, refused: 0x05, badCommand: 0x07, badAddress: 0x08 };

function reply(code: number): Buffer {
  return Buffer.from([0x05, code, 0x00, 0x01, 0, 0, 0, 0, 0, 0]);
}

function refuse(socket: net.Socket, code: number): void {
  if (socket.writable) socket.end(reply(code));
  else socket.destroy();
}

type Parsed<T> = { value: T; used: number } | 'more' | 'bad';

function parseGreeting(buf: Buffer): Parsed<boolean> {
  if (buf.length < 2) return 'more';
  if (buf[0] !== 0x05 || buf[1] === 0) return 'bad';
  const n = buf[1]!;
  if (buf.length < 2 + n) return 'more';
  return { value: buf.subarray(2, 2 + n).includes(0x00), used: 2 + n };
}

type Request = { cmd: number; host: string; port: number } | { badAddress: true };

function parseRequest(buf: Buffer): Parsed<Request> {
  if (buf.length < 5) return 'more';
  if (buf[0] !== 0x05 || buf[2] !== 0x00) return 'bad';
  const cmd = buf[1]!;
  const atyp = buf[3]!;
  let host: string;
  let at: number;
  if (atyp === 0x01) {
    if (buf.length < 10) return 'more';
    host = formatIp({ family: 4, value: buf.readUInt32BE(4) });
    at = 8;
  } else if (atyp === 0x04) {
    if (buf.length < 22) return 'more';
    host = `[${formatIp({ family: 6, bytes: new Uint8Array(buf.subarray(4, 20)) })}]`;
    at = 20;
  } else if (atyp === 0x03) {
    const len = buf[4]!;
    if (len === 0) return { value: { badAddress: true }, used: 5 };
    if (buf.length < 5 + len + 2) return 'more';
    host = buf.subarray(5, 5 + len).toString('utf8');
    at = 5 + len;
  } else {
    return { value: { badAddress: true }, used: buf.length };
  }
  return { value: { cmd, host, port: buf.readUInt16BE(at) }, used: at + 2 };
}

/**
 * SOCKS5, no authentication, CONNECT only. `first` holds the bytes already read.
 * The handshake is bounded by the header timeout set by the caller.
 */
export function handleSocks5(socket: net.Socket, first: Buffer, ctx: ProxyContext, done: () => void): void {
  let buf = first;
  let stage: 'greeting' | 'request' | 'busy' = 'greeting';
  const onData = (chunk: Buffer) => {
    buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
    step();
  };
  const stop = () => {
    socket.removeListener('data', onData);
    socket.pause();
  };
  const step = (): void => {
    if (buf.length > 600) return void (stop(), socket.destroy());
    if (stage === 'greeting') {
      const g = parseGreeting(buf);
      if (g === 'more') return;
      if (g === 'bad') return void (stop(), socket.destroy());
      buf = buf.subarray(g.used);
      if (!g.value) return void (stop(), socket.end(Buffer.from([0x05, 0xff])));
      socket.write(Buffer.from([0x05, 0x00]));
      stage = 'request';
    }
    if (stage === 'request') {
      const r = parseRequest(buf);
      if (r === 'more') return;
      stop();
      if (r === 'bad') return void socket.destroy();
      stage = 'busy';
      done();
      const rest = buf.subarray(r.used);
      void connect(socket, r.value, rest, ctx).catch(() => socket.destroy());
    }
  };
  socket.on('data', onData);
  step();
}

async function connect(socket: net.Socket, req: Request, rest: Buffer, ctx: ProxyContext): Promise<void> {
  if ('badAddress' in req) return refuse(socket, REP.badAddress);
  if (req.cmd !== 0x01) return refuse(socket, REP.badCommand);
  const d = await checkTarget(req.host, req.port, ctx);
  if (!d.ok) {
    reportRefusal(ctx, 'socks5', d);
    return refuse(socket, d.reason === 'dns' ? REP.unreachable : REP.notAllowed);
  }
  reportAllowed(ctx, 'socks5', d.host, d.port, upstreamAddress(d.connectHost, d.port, ctx));
  let upstream: ReusedReadSocket;
  try {
    upstream = await openUpstream(d.connectHost, d.port, ctx);
  } catch {
    return refuse(socket, REP.refused);
  }
  if (socket.destroyed) return void upstream.socket.destroy();
  socket.write(reply(REP.ok));
  if (rest.length > 0) upstream.socket.write(rest);
  joinSockets(socket, upstream);
}
