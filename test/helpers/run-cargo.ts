// cargo for the cargo-profile tests: found where rustup puts it, with the
// toolchain directory it needs once HOME points at a throwaway home.
import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CargoTool {
  cargo: string;
  /** Variables cargo needs beside the test's HOME (RUSTUP_HOME for a rustup install). */
  env: NodeJS.ProcessEnv;
}

function executable(p: string): boolean {
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** A working cargo, or the reason there is none (not installed, or not readable by this user). */
export async function findCargo(): Promise<CargoTool | { skip: string }> {
  const candidates = [
    ...(process.env.PATH ?? '').split(':').filter(Boolean).map((d) => path.join(d, 'cargo')),
    path.join(process.env.HOME ?? '/nonexistent', '.cargo', 'bin', 'cargo'),
    '/root/.cargo/bin/cargo',
  ].filter(executable);
  for (const cargo of [...new Set(candidates)]) {
    const rustupHome = process.env.RUSTUP_HOME ?? path.join(path.dirname(path.dirname(path.dirname(cargo))), '.rustup');
    const env: NodeJS.ProcessEnv = existsSync(rustupHome) ? { RUSTUP_HOME: rustupHome } : {};
    try {
      await run(cargo, ['--version'], { env: { ...process.env, ...env }, timeout: 60_000 });
      return { cargo, env };
    } catch {
      /* next */
    }
  }
  return { skip: `no usable cargo for uid ${process.getuid?.()} (rustup's cargo under /root is not readable by other users)` };
}
