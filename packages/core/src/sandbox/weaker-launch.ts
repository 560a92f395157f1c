import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SandboxPolicy } from '../policy/types.js';
import type { SandboxUnavailableError } from './errors.js';

/** What is lost when `sandbox.allowWeaker` runs a script without namespaces: printed on every script. */
export const WEAKER_LOSSES = [
  'filesystem isolation: the script can read and write everything your user can (only the environment and HOME are replaced)',
  'network isolation: direct connections are possible; nothing is filtered',
  'process isolation: background processes can outlive the script',
  'the seccomp filter',
];

export interface WeakerSpec {
  file: string;
  args: string[];
  warning: string;
}

/**
 * The explicit opt-in for machines without usable namespaces (containers without
 * user namespaces): the script runs with the filtered environment and an empty
 * throwaway HOME, and nothing else. Never chosen without `allowWeaker: true`.
 */
export function weakerLaunch(policy: SandboxPolicy, cmd: string[], why: SandboxUnavailableError): WeakerSpec {
  const home = mkdtempSync(join(tmpdir(), 'fence-weak-home-'));
  const env = { ...policy.env, HOME: home, TMPDIR: tmpdir() };
  const warning = [
    `fence: WARNING: running ${policy.identity.name}${policy.identity.event ? ` (${policy.identity.event})` : ''} with REDUCED isolation ("sandbox.allowWeaker": true).`,
    `fence: the full sandbox is unavailable: ${why.reason}`,
    ...WEAKER_LOSSES.map((l) => `fence:   lost: ${l}`),
  ].join('\n');
  return { file: '/usr/bin/env', args: ['-i', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...cmd], warning };
}
