/** What a string checker reports: what is wrong and how to fix it (undefined when fine). */
export interface CheckFailure {
  problem: string;
  fix: string;
}

export type CheckResult = CheckFailure | undefined;
