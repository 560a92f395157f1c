/** What a recognised command needs beyond its built-in profile, derived at run time from its own config and arguments. */
export interface CommandAllowances {
  /** Writable paths (absolute, or `~`/`.`-relative like fence.json paths). */
  allowWrite: string[];
  /** Readable paths under the hidden home. */
  allowRead: string[];
  /** Hidden paths (credentials the command's tool keeps outside the usual places). */
  denyRead: string[];
  /** Host names reachable through the proxy. */
  allowedDomains: string[];
  /** Directories created before the launch so their binds exist (a cache the tool would create itself). */
  createDirs: string[];
}

export function noAllowances(): CommandAllowances {
  return { allowWrite: [], allowRead: [], denyRead: [], allowedDomains: [], createDirs: [] };
}

/** Context a derivation may read: never the network, only files and the caller's environment. */
export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  home: string;
}
