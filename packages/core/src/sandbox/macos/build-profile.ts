import type { SandboxPolicy } from '../../policy/types.js';
import { MACH_SERVICES } from './mach-services.js';
import {
  ancestors,
  cleanPath,
  isWithin,
  literalFilters,
  spellings,
  staticPrefix,
  subtreeFilters,
} from './path-filters.js';
import { isGlobPath, sbplString } from './sbpl-syntax.js';

export interface SeatbeltOptions {
  /** The egress proxy on 127.0.0.1: the only network destination. */
  proxyPort: number;
  /** The script's private temporary directory (writable). */
  tmpDir: string;
}

/** Device files every shell script writes to or ioctls (terminal size, /dev/null redirections). */
const DEVICE_LITERALS = ['/dev/null', '/dev/zero', '/dev/tty', '/dev/stdout', '/dev/stderr', '/dev/dtracehelper'];
const DEVICE_FD_REGEX = '(regex "^/dev/fd/[0-9]+$")';

const uniq = (xs: string[]): string[] => [...new Set(xs)];

/** One rule, its filters one per line, or nothing when there are no filters (an unfiltered rule would match everything). */
function rule(action: 'allow' | 'deny', ops: string, filters: string[]): string[] {
  if (filters.length === 0) return [];
  return [`(${action} ${ops}`, ...filters.map((f) => `  ${f}`), ')'];
}

function comment(text: string): string {
  // eslint-disable-next-line no-control-regex
  return `; ${text.replace(/[\u0000-\u001f\u007f]/g, '?')}`;
}

/**
 * The Seatbelt (sandbox-exec) profile of one script. Seatbelt takes the LAST
 * matching rule, so every section below goes from broad allows to narrow
 * denies: denyRead after the re-opened home paths, denyWrite after allowWrite.
 */
export function buildSeatbeltProfile(policy: SandboxPolicy, opts: SeatbeltOptions): string {
  const fs = policy.filesystem;
  const tmpDir = cleanPath(opts.tmpDir);
  const writable = uniq([...fs.allowWrite.map(cleanPath), tmpDir]);
  const protectedPaths = uniq([...fs.denyWrite, ...fs.denyRead].map(cleanPath));
  const port = Math.trunc(opts.proxyPort);
  if (!(port > 0 && port < 65536)) throw new Error(`fence: invalid proxy port ${opts.proxyPort}`);
  const id = policy.identity;

  const out: string[] = [
    '(version 1)',
    comment(`fence: ${id.name}${id.version ? `@${id.version}` : ''}${id.event ? ` (${id.event})` : ''}, ${id.kind}`),
    '(deny default)',
    '',
    '; processes: run programs, but touch only processes of this sandbox',
    '(allow process-exec* process-fork)',
    '(allow signal (target same-sandbox))',
    '(allow process-info* (target same-sandbox))',
    '(allow sysctl-read)',
    '(allow user-preference-read)',
    '(allow ipc-posix-shm-read-data (ipc-posix-name "apple.shm.notification_center"))',
    '',
    '; system services (see mach-services.ts for why each one)',
    ...rule('allow', 'mach-lookup', MACH_SERVICES.map((s) => `(global-name ${sbplString(s.name)})`)),
    '',
    '; reads: everywhere, except the home directory and the hidden paths',
    '(allow file-read* file-test-existence)',
    ...homeRules(policy, writable, tmpDir),
    ...rule('deny', 'file-read* file-test-existence', fs.denyRead.flatMap(subtreeFilters)),
    '',
    '; writes: the writable dirs, the private tmp dir and a few devices',
    ...rule('allow', 'file-write*', writable.flatMap(subtreeFilters)),
    ...rule('allow', 'file-write-data file-ioctl', [...DEVICE_LITERALS.flatMap(literalFilters), DEVICE_FD_REGEX]),
    '; protected and hidden paths stay unwritable under a writable dir (last match wins)',
    ...rule('deny', 'file-write*', protectedPaths.flatMap(subtreeFilters)),
    ...parentRules(protectedPaths, writable),
    '',
    '; network: only the fence proxy on loopback',
    `(allow network-outbound (remote ip ${sbplString(`localhost:${port}`)}))`,
    ...networkExtras(policy),
  ];
  return `${out.join('\n')}\n`;
}

/**
 * Hide $HOME, then give back what the policy names inside it. Ancestors of each
 * given-back path stay stat-able (literal, metadata only) so realpath() and
 * getcwd() work without listing the home directory.
 */
function homeRules(policy: SandboxPolicy, writable: string[], tmpDir: string): string[] {
  const fs = policy.filesystem;
  if (!fs.home || cleanPath(fs.home) === '/') return [];
  const home = cleanPath(fs.home);
  const reopen = uniq(
    [policy.projectRoot, policy.cwd, policy.identity.dir, ...fs.allowRead, ...writable, tmpDir]
      .map(cleanPath)
      .filter((p) => isWithin(p, home) && p !== home),
  );
  const metadata = uniq([home, ...reopen.flatMap((p) => ancestors(staticPrefix(p)).filter((a) => isWithin(a, home)))]);
  return [
    '; home: hidden, but for the paths the policy gives back',
    ...rule('deny', 'file-read* file-test-existence', subtreeFilters(home)),
    ...rule('allow', 'file-read-metadata file-test-existence', metadata.flatMap(literalFilters)),
    ...rule('allow', 'file-read* file-test-existence', reopen.flatMap(subtreeFilters)),
  ];
}

/**
 * A protected path is only protected while it stays where it is: renaming
 * `.git` away and putting a fresh `.git/hooks` in its place would dodge the
 * rule. So no ancestor of a protected path inside a writable dir may be
 * unlinked, renamed (rename checks unlink on the source) or recreated.
 */
function parentRules(protectedPaths: string[], writable: string[]): string[] {
  const parents = uniq(
    protectedPaths.flatMap((p) => {
      const base = staticPrefix(p);
      const chain = isGlobPath(p) ? [base, ...ancestors(base)] : ancestors(base);
      return chain.filter((a) => writable.some((w) => isWithin(a, w)));
    }),
  );
  return rule('deny', 'file-write-unlink file-write-create', parents.flatMap(literalFilters));
}

function networkExtras(policy: SandboxPolicy): string[] {
  const net = policy.network;
  const out: string[] = [];
  if (net.allowLocalOutbound) {
    // Loopback is shared with the host on macOS (no network namespace), so this reaches host services too.
    out.push('(allow network-outbound (remote ip "localhost:*"))');
  }
  if (net.allowLocalBinding) {
    out.push('(allow network-bind (local ip "localhost:*"))', '(allow network-inbound (local ip "localhost:*"))');
  }
  if (!policy.denyUnixSockets) {
    // Same as Linux without denyUnixSockets: local daemons reachable by socket path,
    // except the DNS resolver, which would be a way out around the proxy.
    out.push(
      '(allow network-outbound (remote unix-socket))',
      `(deny network-outbound ${spellings('/var/run/mDNSResponder').map((s) => `(remote unix-socket (path-literal ${sbplString(s)}))`).join(' ')})`,
    );
  }
  return out;
}
