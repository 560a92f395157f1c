/** A ready-to-run sandbox: program, argv and the files to open on extra fds. */
export interface LaunchSpec {
  file: string;
  args: string[];
  fds: Array<{ fd: number; path: string; write?: boolean }>;
  /** Printed before the run: set only for the explicit reduced-isolation opt-in. */
  warning?: string;
}
