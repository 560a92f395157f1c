import { ConfigError } from './errors.js';
import { childPath, indexPath } from './field-path.js';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ParsedJson {
  value: unknown;
  /** Where each field path starts (the key of an object member, the value of an array element). */
  positions: Map<string, SourcePosition>;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a character offset. */
export function positionAt(starts: readonly number[], offset: number): SourcePosition {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! + 1 };
}

/**
 * Records field positions by walking text that JSON.parse already accepted, so the walk
 * can skip all error handling: it only has to find where keys and elements start.
 */
class PositionWalker {
  private i = 0;
  readonly positions = new Map<string, SourcePosition>();

  constructor(private readonly text: string, private readonly starts: readonly number[]) {}

  walk(): void {
    this.value('');
  }

  private skipWs(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  private record(path: string): void {
    this.positions.set(path, positionAt(this.starts, this.i));
  }

  private value(path: string): void {
    this.skipWs();
    const c = this.text[this.i];
    if (c === '{') this.object(path);
    else if (c === '[') this.array(path);
    else if (c === '"') this.string();
    else while (this.i < this.text.length && !',}] \t\n\r'.includes(this.text[this.i]!)) this.i++;
  }

  private string(): string {
    const start = this.i;
    this.i++;
    while (this.text[this.i] !== '"') this.i += this.text[this.i] === '\\' ? 2 : 1;
    this.i++;
    return JSON.parse(this.text.slice(start, this.i)) as string;
  }

  private object(path: string): void {
    this.i++;
    this.skipWs();
    while (this.text[this.i] !== '}') {
      this.skipWs();
      const keyStart = this.i;
      const key = this.string();
      const child = childPath(path, key);
      this.positions.set(child, positionAt(this.starts, keyStart));
      this.skipWs();
      this.i++; // ':'
      this.value(child);
      this.skipWs();
      if (this.text[this.i] === ',') this.i++;
      this.skipWs();
    }
    this.i++;
  }

  private array(path: string): void {
    this.i++;
    this.skipWs();
    let index = 0;
    while (this.text[this.i] !== ']') {
      this.skipWs();
      this.record(indexPath(path, index++));
      this.value(indexPath(path, index - 1));
      this.skipWs();
      if (this.text[this.i] === ',') this.i++;
      this.skipWs();
    }
    this.i++;
  }
}

function syntaxFix(text: string, offset: number, message: string): string {
  const before = text.slice(0, offset).trimEnd();
  if (text.trim() === '') return 'write a JSON object, at least "{}".';
  if (/property name|Unexpected token '?[\]}]/.test(message) && before.endsWith(',')) return 'remove the trailing comma.';
  if (/property name/.test(message) && /^\s*\/[/*]/.test(text.slice(offset))) return 'remove the comment; fence.json is plain JSON.';
  if (/property name/.test(message)) return 'put property names in double quotes.';
  return 'fix the JSON syntax at that position (plain JSON: no comments, no trailing commas).';
}

/** Parses JSON, throwing a ConfigError with line:column on a syntax error. */
export function parseJson(text: string, file: string): ParsedJson {
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text; // keep offsets stable past a BOM
  const starts = lineStarts(body);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const match = /at position (\d+)/.exec(message);
    const offset = match ? Number(match[1]) : body.trimEnd().length;
    const { line, column } = positionAt(starts, offset);
    const what = message.replace(/\s*in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    throw new ConfigError({ file, field: '', problem: `invalid JSON: ${what}.`, fix: syntaxFix(body, offset, message), line, column });
  }
  const walker = new PositionWalker(body, starts);
  walker.walk();
  return { value, positions: walker.positions };
}
