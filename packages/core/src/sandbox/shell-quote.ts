/** POSIX single-quoting: safe for any bytes but NUL, which argv cannot hold anyway. */
export function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
