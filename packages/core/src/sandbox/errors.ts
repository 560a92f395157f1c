/** The sandbox cannot be built here. Nothing runs: the message says why, `fix` says how. */
export class SandboxUnavailableError extends Error {
  constructor(
    readonly reason: string,
    readonly fix: string,
  ) {
    super(`fence: cannot build the sandbox: ${reason}\nThe script was NOT run (fence fails closed).\nFix: ${fix}`);
    this.name = 'SandboxUnavailableError';
  }
}
