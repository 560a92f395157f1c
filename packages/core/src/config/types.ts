/** The shape of a validated fence.json. A superset of Fence's format. */

export interface NetworkConfig {
  /** Hosts a script may reach through the proxy. `*.example.com` matches subdomains; `host:port` limits the port. */
  allowedDomains?: string[];
  /** Always refused; wins over allowedDomains. */
  deniedDomains?: string[];
  /** Allow connections to loopback / private / link-local addresses. */
  allowLocalOutbound?: boolean;
  /** Allow the script to listen on its own loopback. */
  allowLocalBinding?: boolean;
  /** Corporate proxy that allowed traffic is sent through, e.g. `http://proxy.corp:3128`. */
  upstreamProxy?: string;
}

export interface FilesystemConfig {
  denyRead?: string[];
  allowRead?: string[];
  allowWrite?: string[];
  denyWrite?: string[];
}

export interface EnvConfig {
  /** Extra variable names (globs) passed into the sandbox. */
  allow?: string[];
  /** Variable names (globs) never passed, on top of the built-in deny list. */
  deny?: string[];
}

export interface ScriptsConfig {
  /**
   * Scripts the user runs by hand (`npm run`, `npm exec`, `npx`, `yarn run`):
   * `sandbox` runs them under the project policy, `host` runs them unconfined.
   */
  runByHand?: 'sandbox' | 'host';
}

export interface SandboxConfig {
  /** Opt in to reduced isolation where namespaces are unavailable. Loud, never silent. */
  allowWeaker?: boolean;
  /** Install the seccomp filter (default true on Linux). */
  seccomp?: boolean;
  /** Refuse `socket(AF_UNIX)` inside the sandbox. */
  denyUnixSockets?: boolean;
  /** Record refused file accesses with a tracer (slow). */
  audit?: boolean;
}

/** One entry of `packages`: overrides applied to scripts of matching packages. */
export interface PackageConfig {
  network?: NetworkConfig;
  filesystem?: FilesystemConfig;
  env?: EnvConfig;
  /** Why this allowance exists (shown by `fence scripts`). */
  reason?: string;
}

export interface FenceConfig {
  $schema?: string;
  extends?: string[];
  network?: NetworkConfig;
  filesystem?: FilesystemConfig;
  env?: EnvConfig;
  scripts?: ScriptsConfig;
  sandbox?: SandboxConfig;
  /** Keyed by a package-name glob, optionally with a version range: `esbuild`, `@prisma/*`, `sharp@>=0.33`. */
  packages?: Record<string, PackageConfig>;
}

/** A loaded config and where each layer came from (for error messages and `--print-policy`). */
export interface LoadedConfig {
  config: FenceConfig;
  /** Files merged, lowest priority first. */
  sources: string[];
  /** Directory `./` paths resolve against. */
  projectRoot: string;
}
