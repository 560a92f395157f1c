import { describe, expect, it } from 'vitest';
import { classifyAccesses } from './classify-access.js';
import { parseStrace } from './parse-strace.js';
import { splitArgs, unescapeC } from './strace-args.js';

const scope = { cwd: '/p/node_modules/a', home: '/h', allowWrite: ['/p/node_modules/a'], denyRead: ['/h/.ssh', '/p/.npmrc'] };

// Shapes taken from strace 6.1 `-f -qq -y` output.
const LOG = [
  '7     openat(AT_FDCWD</p/node_modules/a>, "/etc/x", O_WRONLY|O_CREAT|O_TRUNC, 0666) = -1 EROFS (Read-only file system)',
  '7     openat(AT_FDCWD</p/node_modules/a>, "/etc/x", O_WRONLY|O_CREAT|O_TRUNC, 0666) = -1 EROFS (Read-only file system)',
  '7     openat(AT_FDCWD</p/node_modules/a>, "../b/index.js", O_WRONLY|O_APPEND <unfinished ...>',
  '8     openat(AT_FDCWD</p/node_modules/a>, "/h/.ssh/id_rsa", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)',
  '7     <... openat resumed>) = -1 EROFS (Read-only file system)',
  '8     openat(AT_FDCWD</p/node_modules/a>, "/p/.npmrc", O_RDONLY) = 3</dev/null>',
  '8     openat(AT_FDCWD</p/node_modules/a>, "/usr/lib/missing.so", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)',
  '8     openat(AT_FDCWD</p/node_modules/a>, "own.txt", O_WRONLY|O_CREAT|O_TRUNC, 0666) = 3</p/node_modules/a/own.txt>',
  '8     openat(AT_FDCWD</p/node_modules/a>, "/h/.bashrc", O_WRONLY|O_CREAT|O_APPEND, 0666) = 3</h/.bashrc>',
  '9     chdir("/p") = 0',
  '9     mkdir("weird \\"dir\\"\\n", 0777) = -1 EROFS (Read-only file system)',
  '9     unlinkat(5</p/.git>, "hooks", AT_REMOVEDIR) = -1 EROFS (Read-only file system)',
  '9     renameat2(AT_FDCWD</p>, "a.txt", AT_FDCWD</p>, "b.txt", RENAME_NOREPLACE) = -1 EACCES (Permission denied)',
  '9     mkdir("/p/node_modules/a/x", 0777) = -1 EEXIST (File exists)',
  'garbage line',
].join('\n');

describe('strace audit log', () => {
  it('unescapes C strings and splits arguments outside quotes and decorations', () => {
    expect(unescapeC('a\\"b\\\\c\\n\\x41\\101\\303\\251')).toBe('a"b\\c\nAAé');
    expect(splitArgs('AT_FDCWD</x, y>, "a, b", {flags=O_RDONLY, mode=0}, 24')).toEqual(['AT_FDCWD</x, y>', '"a, b"', '{flags=O_RDONLY, mode=0}', '24']);
  });

  it('joins unfinished calls with their resumption', () => {
    const recs = parseStrace(LOG);
    expect(recs.find((r) => r.pid === 7 && r.args[1]?.kind === 'string' && r.args[1].value === '../b/index.js')).toMatchObject({ name: 'openat', result: -1, errno: 'EROFS' });
  });

  it('keeps refused, hidden and discarded accesses once each, with absolute paths', () => {
    expect(classifyAccesses(parseStrace(LOG), scope)).toEqual([
      { path: '/etc/x', operation: 'open-write', outcome: 'refused', errno: 'EROFS' },
      { path: '/h/.ssh/id_rsa', operation: 'open-read', outcome: 'hidden', errno: 'ENOENT' },
      { path: '/p/node_modules/b/index.js', operation: 'open-write', outcome: 'refused', errno: 'EROFS' },
      { path: '/p/.npmrc', operation: 'open-read', outcome: 'hidden' },
      { path: '/h/.bashrc', operation: 'open-write', outcome: 'discarded' },
      { path: '/p/weird "dir"\n', operation: 'mkdir', outcome: 'refused', errno: 'EROFS' },
      { path: '/p/.git/hooks', operation: 'rmdir', outcome: 'refused', errno: 'EROFS' },
      { path: '/p/a.txt', operation: 'rename', outcome: 'refused', errno: 'EACCES', target: '/p/b.txt' },
    ]);
  });
});
