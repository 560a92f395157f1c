/**
 * Node flags of the broker, which lives as long as an install and whose memory is a target:
 * --expose-gc lets the proxy return relayed read buffers early (proxy/external-memory-valve.ts),
 * and a 1 MiB young generation keeps V8 from growing it under load (3-5 MiB less RSS, same
 * throughput). The compiled fence-shell starts the broker with the same flags (fence-shell.c).
 */
export const BROKER_NODE_FLAGS = ['--expose-gc', '--max-semi-space-size=1'];
