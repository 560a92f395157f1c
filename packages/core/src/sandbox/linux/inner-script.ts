/** Port the in-sandbox bridge listens on; the network namespace is private, so any port is free. */
export const BRIDGE_PORT = 3128;
/** Where the script's proxy socket appears inside the sandbox. */
export const INNER_PROXY_SOCKET = '/run/fence/proxy.sock';

const hexPort = BRIDGE_PORT.toString(16).toUpperCase().padStart(4, '0');

/**
 * How to know the bridge listens. With bash, try to connect: a refused connect
 * costs microseconds and nothing forks. Without bash, read /proc/net/tcp, which
 * walks the kernel's whole connection table on every read (milliseconds), so
 * that loop is short and backs off with sleep.
 */
function waitLoop(bash: boolean): string[] {
  if (bash)
    return [
      '  n=0',
      `  until { : >/dev/tcp/127.0.0.1/${BRIDGE_PORT}; } 2>/dev/null; do`,
      '    n=$((n+1))',
      '    [ $n -gt 3000 ] && sleep 0.01',
      '    [ $n -gt 3500 ] && break',
      '  done',
    ];
  return [
    '  n=0',
    '  while [ $n -lt 400 ]; do',
    `    while read -r _ l _ st _; do [ "$l" = 0100007F:${hexPort} ] && [ "$st" = 0A ] && break 2; done < /proc/net/tcp`,
    '    n=$((n+1))',
    '    [ $n -gt 20 ] && sleep 0.01',
    '  done',
  ];
}

/**
 * The first thing that runs inside: start the bridge from loopback to the proxy
 * socket, wait until it listens, then exec the command. The wait is bounded: a
 * broken bridge cannot hang the script, it only leaves it without network, the
 * safe side.
 */
export function innerScript(socatPath: string, bash: boolean): string {
  return [
    `if [ -S ${INNER_PROXY_SOCKET} ]; then`,
    `  ${socatPath} TCP-LISTEN:${BRIDGE_PORT},bind=127.0.0.1,fork,reuseaddr UNIX-CONNECT:${INNER_PROXY_SOCKET} </dev/null >/dev/null 2>&1 &`,
    ...waitLoop(bash),
    'fi',
    'exec "$@"',
  ].join('\n');
}
