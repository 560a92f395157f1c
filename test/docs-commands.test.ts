// Every fence command the documentation shows is run here, so the docs cannot
// drift from the CLI. A command that cannot run offline says why with a trailing
// `# not run: <reason>`; `# prints: <text>` adds a check on its output.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, codeBlocks, docFiles, fenceCommands, type CodeBlock, type DocCommand } from './docs-markdown.js';

const FENCE = join(REPO, 'packages/cli/bin/fence.js');
const FENCE_RUN = join(REPO, 'packages/run/bin/fence-run.js');
const YARN_BUNDLE = join(REPO, 'plugins/yarn/bundles/@yarnpkg/plugin-fence.js');

const shBlocks: CodeBlock[] = docFiles().flatMap(codeBlocks).filter((b) => b.lang === 'sh');
const commands: DocCommand[] = shBlocks.flatMap(fenceCommands);
const where = (c: DocCommand) => `${c.block.file}:${c.block.line}: ${c.command}`;

/** What must exist before a command can run here; undefined when nothing is missing. */
function missingPrerequisite(c: DocCommand): string | undefined {
  if (/^(npx )?fence init yarn/.test(c.command) && !existsSync(YARN_BUNDLE)) return 'the Yarn plugin bundle is not built';
  return undefined;
}

/** The command with `fence` / `fence-run` mapped to this checkout's entry points. */
function localCommand(command: string): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  if (command.startsWith('fence-run')) return `${q(process.execPath)} ${q(FENCE_RUN)}${command.slice('fence-run'.length)}`;
  const rest = command.replace(/^(npx )?fence/, '');
  return `${q(process.execPath)} ${q(FENCE)}${rest}`;
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** A fresh project with a temp HOME, like a user's first steps: package.json and empty lockfiles. */
function makeProject(): { dir: string; env: NodeJS.ProcessEnv } {
  const root = mkdtempSync(join(tmpdir(), 'fence-docs-'));
  temps.push(root);
  const home = join(root, 'home');
  const dir = join(root, 'project');
  mkdirSync(home);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'docs-demo', version: '1.0.0', private: true }, null, 2)}\n`);
  const lock = { name: 'docs-demo', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'docs-demo', version: '1.0.0' } } };
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  writeFileSync(join(dir, 'yarn.lock'), '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    LANG: 'C.UTF-8',
    TMPDIR: tmpdir(),
    npm_config_update_notifier: 'false',
    npm_config_cache: join(root, 'npm-cache'),
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_GLOBAL_CACHE: 'false',
  };
  return { dir, env };
}

describe('fence commands in the documentation', () => {
  it('are there, and each one is either run or says why not', () => {
    expect(commands.length).toBeGreaterThanOrEqual(10);
    for (const c of commands) {
      if (c.notRun !== undefined) expect(c.notRun.length, `${where(c)}: "# not run:" needs a reason`).toBeGreaterThanOrEqual(8);
    }
    expect(commands.filter((c) => c.notRun === undefined).length).toBeGreaterThanOrEqual(8);
  });

  // One project per code block: its commands run in order, as a reader would type them.
  for (const block of shBlocks) {
    const runnable = fenceCommands(block).filter((c) => c.notRun === undefined);
    if (runnable.length === 0) continue;
    describe(`${block.file}:${block.line}`, () => {
      let project: { dir: string; env: NodeJS.ProcessEnv } | undefined;
      for (const c of runnable) {
        const missing = missingPrerequisite(c);
        it.skipIf(missing !== undefined)(`${c.command}${missing ? ` (skipped: ${missing})` : ''}`, () => {
          project ??= makeProject();
          const r = spawnSync('/bin/sh', ['-c', localCommand(c.command)], {
            cwd: project.dir,
            env: project.env,
            encoding: 'utf8',
            timeout: 120_000,
          });
          const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
          expect(r.status, `${where(c)} exited ${r.status}:\n${output}`).toBe(0);
          if (c.prints) expect(output, where(c)).toContain(c.prints);
        });
      }
    });
  }
});
