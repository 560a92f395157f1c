/** What every `fence init <pm>` takes. */
export interface WiringOptions {
  project: string;
  global: boolean;
  remove: boolean;
  env?: NodeJS.ProcessEnv;
}

/** Lines for the user; `ok: false` means the command failed. */
export interface WiringReport {
  ok: boolean;
  lines: string[];
}
