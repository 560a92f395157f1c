import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { packFixtures } from './pack-fixtures.js';
import { PAYLOAD_BODY, startHttpServer } from './servers.js';

const run = promisify(execFile);

describe('packFixtures', () => {
  it('packs every fixture, named by directory, and reuses unchanged tarballs', async () => {
    const first = await packFixtures();
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['native-addon', 'name-spoof', 'fetches-allowed', 'bench-pkg-20']));
    const before = (await stat(first['name-spoof']!)).mtimeMs;
    const second = await packFixtures();
    expect(second).toEqual(first);
    expect((await stat(second['name-spoof']!)).mtimeMs).toBe(before);
    // name-spoof's tarball declares another package's name and carries the shared lib.
    const { stdout } = await run('tar', ['-xzOf', first['name-spoof']!, 'package/package.json']);
    expect(JSON.parse(stdout).name).toBe('fetches-allowed');
    const { stdout: list } = await run('tar', ['-tzf', first['name-spoof']!]);
    expect(list).toContain('package/fixture-lib/loot.js');
  });
});

describe('startHttpServer', () => {
  it('serves /payload and records requests, also in absolute-URI proxy form', async () => {
    const server = await startHttpServer(0);
    try {
      const direct = await fetch(`http://127.0.0.1:${server.port}/payload`);
      expect(await direct.text()).toBe(PAYLOAD_BODY);
      const post = await fetch(`http://127.0.0.1:${server.port}/collect`, { method: 'POST', body: 'secret' });
      expect(post.status).toBe(200);
      // What a forwarding proxy sends: GET http://allowed.test:<port>/payload.
      const viaProxyForm = await new Promise<string>((resolve, reject) => {
        const absolute = `http://allowed.test:${server.port}/payload`;
        http
          .get({ host: '127.0.0.1', port: server.port, path: absolute }, (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => resolve(body));
          })
          .on('error', reject);
      });
      expect(viaProxyForm).toBe(PAYLOAD_BODY);
      expect(server.requests.map((r) => [r.method, r.url, r.body])).toEqual([
        ['GET', '/payload', ''],
        ['POST', '/collect', 'secret'],
        ['GET', `http://allowed.test:${server.port}/payload`, ''],
      ]);
    } finally {
      await server.close();
    }
  });
});
