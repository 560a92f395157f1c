/** The effective policy of one sandboxed command, all paths absolute. */

export type ScriptKind = 'dependency' | 'project' | 'by-hand' | 'command';

/** Who is running: filled by the plugins from where the package really sits, not from its manifest. */
export interface ScriptIdentity {
  name: string;
  version?: string;
  event?: string;
  /** Package directory (cwd of the script). */
  dir: string;
  kind: ScriptKind;
  /** False when the manifest name disagrees with the install location: only defaults apply then. */
  verified: boolean;
  /** Why identity was not verified, for the log. */
  mismatch?: string;
}

export interface NetworkPolicy {
  allowedDomains: string[];
  deniedDomains: string[];
  allowLocalOutbound: boolean;
  allowLocalBinding: boolean;
  upstreamProxy?: string;
}

export interface FilesystemPolicy {
  /** Writable binds (existing paths). */
  allowWrite: string[];
  /** Read-only binds layered over writable ones (always protected paths, denyWrite). */
  denyWrite: string[];
  /** Hidden: an empty dir or /dev/null stands in their place. */
  denyRead: string[];
  /** Extra readable paths (e.g. parts of $HOME). */
  allowRead: string[];
  /** The real home directory; replaced by an empty one inside. */
  home: string;
}

export interface SandboxPolicy {
  cwd: string;
  projectRoot: string;
  identity: ScriptIdentity;
  filesystem: FilesystemPolicy;
  network: NetworkPolicy;
  /** The exact environment inside the sandbox (proxy variables are added by the runner). */
  env: Record<string, string>;
  seccomp: boolean;
  denyUnixSockets: boolean;
  audit: boolean;
  allowWeaker: boolean;
}
