/** Port the in-sandbox bridge listens on; the network namespace is private, so any port is free. */
export const BRIDGE_PORT = 3128;
/** Where the script's proxy socket appears inside the sandbox. */
export const INNER_PROXY_SOCKET = '/run/fence/proxy.sock';

const hexPort = BRIDGE_PORT.toString(16).toUpperCase().padStart(4, '0');

/**
 * The first thing that runs inside: start the bridge from loopback to the proxy
 * socket, wait (by reading /proc/net/tcp, no forks) until it listens, then exec
 * the command. Bounded wait: a broken bridge cannot hang the script, it only
 * leaves it without network, which is the safe side.
 */
export function innerScript(socatPath: string): string {
  return [
    `if [ -S ${INNER_PROXY_SOCKET} ]; then`,
    `  ${socatPath} TCP-LISTEN:${BRIDGE_PORT},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:${INNER_PROXY_SOCKET} </dev/null >/dev/null 2>&1 &`,
    '  n=0',
    '  while [ $n -lt 5000 ]; do',
    `    while read -r _ l _ st _; do [ "$l" = 0100007F:${hexPort} ] && [ "$st" = 0A ] && break 2; done < /proc/net/tcp`,
    '    n=$((n+1))',
    '  done',
    'fi',
    'exec "$@"',
  ].join('\n');
}
