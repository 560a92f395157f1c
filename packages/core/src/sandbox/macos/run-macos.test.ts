import { describe, expect, it } from 'vitest';
import { macosArgv, SANDBOX_EXEC } from './run-macos.js';

describe('macosArgv', () => {
  it('runs the script with an absolute /bin/sh under sandbox-exec -f', () => {
    expect(macosArgv('/t/profile.sb', 'node install.js')).toEqual([
      SANDBOX_EXEC, '-f', '/t/profile.sb', '/bin/sh', '-c', 'node install.js',
    ]);
    expect(SANDBOX_EXEC).toBe('/usr/bin/sandbox-exec');
  });

  it('passes the script and its arguments as separate argv entries, unquoted', () => {
    expect(macosArgv('/p.sb', 'echo "$@"', ['a b', "it's"])).toEqual([
      SANDBOX_EXEC, '-f', '/p.sb', '/bin/sh', '-c', 'echo "$@"', 'a b', "it's",
    ]);
  });
});
