import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configuredPipUrls, urlsInPipConf } from './pip-config.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('pip config', () => {
  it('reads index URLs from any section, with continuation lines', () => {
    const text = [
      '[global]',
      'index-url = https://a.test/simple',
      'timeout = 60',
      'extra-index-url =',
      '    https://b.test/simple',
      '    https://c.test/simple',
      '# index-url = https://commented.test/simple',
      '[install]',
      'find-links: https://d.test/links',
      'trusted-host = a.test',
    ].join('\n');
    expect(urlsInPipConf(text)).toEqual(['https://a.test/simple', 'https://b.test/simple', 'https://c.test/simple', 'https://d.test/links']);
  });

  it('collects the environment, the user file and the virtualenv file', () => {
    const home = mkdtempSync(join(tmpdir(), 'fence-pipconf-'));
    dirs.push(home);
    mkdirSync(join(home, '.config', 'pip'), { recursive: true });
    writeFileSync(join(home, '.config', 'pip', 'pip.conf'), '[global]\nindex-url = https://user.test/simple\n');
    const venv = join(home, 'venv');
    mkdirSync(venv);
    writeFileSync(join(venv, 'pip.conf'), '[global]\nextra-index-url = https://venv.test/simple\n');
    const urls = configuredPipUrls(
      { PIP_INDEX_URL: 'https://env.test/simple', PIP_EXTRA_INDEX_URL: 'https://e1.test/s https://e2.test/s' },
      home,
      venv,
    );
    expect(urls).toEqual(expect.arrayContaining([
      'https://env.test/simple', 'https://e1.test/s', 'https://e2.test/s', 'https://user.test/simple', 'https://venv.test/simple',
    ]));
  });
});
