import type { SandboxPolicy } from '@fence/core';

/** The effective policy as a person reads it. */
export function formatPolicy(policy: SandboxPolicy, sources: string[], profile: string | undefined): string {
  const fs = policy.filesystem;
  const list = (title: string, xs: string[]) => `${title}:\n${xs.length ? xs.map((x) => `  ${x}`).join('\n') : '  (none)'}`;
  const net = policy.network;
  return [
    `config: ${sources.length ? sources.join(', ') : '(none: built-in defaults)'}`,
    `profile: ${profile ?? '(none)'}`,
    list('writable', [...fs.allowWrite, '/tmp (private, discarded)']),
    list('always read-only', fs.denyWrite),
    list(`readable under the hidden home ${fs.home}`, fs.allowRead),
    list('hidden', fs.denyRead),
    list('network allowed (through the proxy)', net.allowedDomains),
    list('network denied', net.deniedDomains),
    `local addresses: ${net.allowLocalOutbound ? 'allowed' : 'refused'}; listening on own loopback: ${net.allowLocalBinding ? 'allowed' : 'sandbox-only'}`,
    ...(net.upstreamProxy ? [`upstream proxy: ${net.upstreamProxy}`] : []),
    list('environment passed', Object.keys(policy.env).sort()),
    `seccomp: ${policy.seccomp ? 'on' : 'off'}${policy.denyUnixSockets ? ' (unix sockets refused)' : ''}`,
  ].join('\n');
}
