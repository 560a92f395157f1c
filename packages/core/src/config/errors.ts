/** A problem in a fence.json (or a file it extends): names the file, the field and the fix. */

export interface ConfigProblem {
  file: string;
  /** Field path like `network.allowedDomains[2]`; empty for whole-file problems (syntax, unreadable). */
  field: string;
  /** What is wrong, one sentence without trailing period. */
  problem: string;
  /** What to do about it. */
  fix: string;
  line?: number;
  column?: number;
}

function formatProblem(p: ConfigProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
  const field = p.field ? `${p.field}: ` : '';
  return `${where}: ${field}${p.problem} Fix: ${p.fix}`;
}

export class ConfigError extends Error {
  readonly file: string;
  readonly field: string;
  readonly problem: string;
  readonly fix: string;
  readonly line?: number;
  readonly column?: number;
  /** Every problem found (the first is the one the properties above describe). */
  readonly problems: readonly ConfigProblem[];

  constructor(first: ConfigProblem, more: readonly ConfigProblem[] = []) {
    const all = [first, ...more];
    const text = all.length === 1
      ? formatProblem(first)
      : `${all.length} problems in fence config:\n${all.map((p) => `  ${formatProblem(p)}`).join('\n')}`;
    super(text);
    this.name = 'ConfigError';
    this.file = first.file;
    this.field = first.field;
    this.problem = first.problem;
    this.fix = first.fix;
    if (first.line !== undefined) this.line = first.line;
    if (first.column !== undefined) this.column = first.column;
    this.problems = all;
  }
}
