import { describe, expect, it } from 'vitest';
import { parsePipArgs, pipArgsStart } from './pip-args.js';

describe('parsePipArgs', () => {
  it('finds pip in its spellings', () => {
    expect(pipArgsStart(['pip', 'install'])).toBe(1);
    expect(pipArgsStart(['/v/bin/pip3.11', 'install'])).toBe(1);
    expect(pipArgsStart(['python3', '-m', 'pip', 'install'])).toBe(3);
    expect(pipArgsStart(['uv', 'pip', 'install'])).toBe(2);
    expect(pipArgsStart(['cargo', 'build'])).toBe(-1);
  });

  it('reads index URLs in every form', () => {
    const a = parsePipArgs([
      'pip', 'install', '-i', 'https://a.test/simple', '--extra-index-url=https://b.test/simple',
      '-ihttps://c.test/simple', '--index-url', 'https://d.test/simple', '-f', 'https://e.test/links', 'pkg',
    ]);
    expect(a.indexUrls).toEqual(['https://a.test/simple', 'https://b.test/simple', 'https://c.test/simple', 'https://d.test/simple', 'https://e.test/links']);
  });

  it('reads where the install goes', () => {
    expect(parsePipArgs(['pip', 'install', '--target', 'out', 'x'])).toMatchObject({ target: 'out', user: false });
    expect(parsePipArgs(['pip', 'install', '-t./lib', 'x']).target).toBe('./lib');
    expect(parsePipArgs(['pip', 'install', '--prefix=/opt/p', 'x']).prefix).toBe('/opt/p');
    expect(parsePipArgs(['python', '-m', 'pip', 'install', '--user', 'x']).user).toBe(true);
    // Words after `--` and before pip itself are not pip's.
    expect(parsePipArgs(['pip', 'install', '--', '--user']).user).toBe(false);
  });
});
