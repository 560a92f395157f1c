/** One line of `fence doctor`. */
export interface CheckResult {
  /** Stable name (also the --json key). */
  id: string;
  title: string;
  /** `warn`: an optional feature is missing; `skip`: not applicable on this OS. */
  status: 'ok' | 'fail' | 'warn' | 'skip';
  detail: string;
  /** The exact command or edit that fixes a fail/warn. */
  fix?: string;
  /** A failing required check makes doctor exit non-zero: fence would refuse to run scripts. */
  required: boolean;
}
