/** One install-time script a package would run. */
export interface ScriptEvent {
  event: string;
  command: string;
  /** npm/pnpm's implicit `node-gyp rebuild` (binding.gyp without install/preinstall). */
  implicit?: boolean;
}

/** Per package manager: true allowed, false denied, null no entry (unreviewed), absent: that manager has no list here. */
export interface Approvals {
  npm?: boolean | null;
  pnpm?: boolean | null;
  yarn?: boolean | null;
}

export interface ScriptPackage {
  name: string;
  version?: string;
  /** Relative to the project root. */
  location: string;
  /** Absolute package directory (cwd of its scripts). */
  dir: string;
  events: ScriptEvent[];
  /** Manifest name equals the name its install location gives it. */
  verified: boolean;
  approval: Approvals;
  /** The fence policy its scripts would get. */
  policy: { allowWrite: string[]; allowedDomains: string[] };
  /** `known-packages` profile keys that cover it. */
  known: string[];
}

/** What a collector found before approvals and policy are added. */
export type FoundPackage = Omit<ScriptPackage, 'approval' | 'policy' | 'known'> & { approval: Approvals };

/** The manifest fields that decide install scripts. */
export interface ScriptManifest {
  name?: unknown;
  version?: unknown;
  scripts?: unknown;
  gypfile?: unknown;
}
