// Reads the user documentation the way the docs tests need it: fenced code blocks
// by language, and the shell commands in them with their trailing annotations.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));

/** README.md and every docs/*.md, as paths relative to the repository. */
export function docFiles(): string[] {
  const docs = readdirSync(join(REPO, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  body: string;
}

export function codeBlocks(file: string): CodeBlock[] {
  const lines = readFileSync(join(REPO, file), 'utf8').split('\n');
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\S*)\s*$/.exec(lines[i]!);
    if (!open) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    out.push({ file, line: start + 1, lang: open[1] ?? '', body: body.join('\n') });
  }
  return out;
}

/** Splits an unquoted trailing `# comment` off a shell line (quotes are respected). */
export function splitComment(line: string): { command: string; comment?: string } {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return { command: line.slice(0, i).trimEnd(), comment: line.slice(i + 1).trim() };
  }
  return { command: line.trimEnd() };
}

export interface DocCommand {
  block: CodeBlock;
  /** The command as written, without its comment. */
  command: string;
  /** `# not run: <reason>`: why it cannot run offline here. */
  notRun?: string;
  /** `# prints: <text>`: text its output must contain. */
  prints?: string;
}

const FENCE_LINE = /^(fence-run(\s|$)|fence(\s|$)|npx fence(\s|$))/;

/** The fence commands of one `sh` block, in order. */
export function fenceCommands(block: CodeBlock): DocCommand[] {
  const out: DocCommand[] = [];
  for (const raw of block.body.split('\n')) {
    const { command, comment } = splitComment(raw.trim());
    if (!FENCE_LINE.test(command)) continue;
    const notRun = comment && /^not run:/.test(comment) ? comment.slice('not run:'.length).trim() : undefined;
    const prints = comment && /^prints:/.test(comment) ? comment.slice('prints:'.length).trim() : undefined;
    out.push({ block, command, notRun: notRun ?? (comment?.startsWith('not run') ? '' : undefined), prints });
  }
  return out;
}
