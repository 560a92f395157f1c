// The parts of the documentation that are derived from code: the generated
// configuration reference, the fence.json examples, and the library example.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '../packages/core/src/index.js';
import { validateConfig } from '../packages/core/src/config/index.js';
import { REPO, codeBlocks, docFiles } from './docs-markdown.js';

const blocks = docFiles().flatMap(codeBlocks);

describe('docs derived from code', () => {
  it('docs/config-reference.md is what the generator writes from the schema', () => {
    const r = spawnSync(process.execPath, [join(REPO, 'scripts/gen-config-reference.mjs'), '--stdout'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const onDisk = readFileSync(join(REPO, 'docs/config-reference.md'), 'utf8');
    expect(onDisk, 'stale: run `node scripts/gen-config-reference.mjs`').toBe(r.stdout);
  });

  it('the reference lists every field of the schema', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'packages/core/fence.schema.json'), 'utf8')) as {
      properties: Record<string, { properties?: Record<string, unknown> }>;
    };
    const text = readFileSync(join(REPO, 'docs/config-reference.md'), 'utf8');
    for (const [key, node] of Object.entries(schema.properties)) {
      for (const sub of Object.keys(node.properties ?? {})) expect(text).toContain(`\`${key}.${sub}\``);
    }
  });

  it('every fence.json example in README.md and docs/ passes the real validator', () => {
    const json = blocks.filter((b) => b.lang === 'json');
    expect(json.length).toBeGreaterThanOrEqual(8);
    for (const b of json) {
      const where = `${b.file}:${b.line}`;
      const parsed: unknown = JSON.parse(b.body);
      expect(() => validateConfig(parsed, where, b.body), where).not.toThrow();
    }
  });

  it('the README library example names only exports of @fence/core', () => {
    const ts = blocks.filter((b) => b.file === 'README.md' && b.lang === 'ts');
    expect(ts).toHaveLength(1);
    const imported = /import\s*\{([^}]*)\}\s*from\s*'@fence\/core'/.exec(ts[0]!.body)?.[1] ?? '';
    const names = imported.split(',').map((n) => n.trim()).filter(Boolean);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const n of names) expect(typeof (core as Record<string, unknown>)[n], n).toBe('function');
  });

  it('the README library example type-checks against the built @fence/core', () => {
    const ts = blocks.find((b) => b.file === 'README.md' && b.lang === 'ts')!;
    // Inside the repository, so that `@fence/core` resolves through node_modules like a user's would.
    const dir = mkdtempSync(join(REPO, 'test', '.docs-ts-'));
    try {
      writeFileSync(join(dir, 'example.ts'), `${ts.body}\nexport {};\n`);
      writeFileSync(
        join(dir, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: true, types: ['node'] },
          files: ['example.ts'],
        }),
      );
      const r = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8', timeout: 120_000 });
      expect(r.status, `${r.stdout}${r.stderr}`).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
