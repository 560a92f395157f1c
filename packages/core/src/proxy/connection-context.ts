import type net from 'node:net';
import type { ProxyContext } from './types.js';

/** The context of each client socket, for the shared HTTP parser that only sees sockets. */
export const contextOf = new WeakMap<net.Socket, ProxyContext>();
