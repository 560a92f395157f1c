// Python for the pip-profile tests: a virtualenv made by the test (offline,
// setuptools from ensurepip), an sdist built with tar, and a tiny PEP 503
// simple index on 127.0.0.1 that records what was asked of it.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Venv {
  dir: string;
  python: string;
  pip: string;
}

/** Interpreters tried in order: the system one first (readable by every user), then PATH's. */
const CANDIDATES = ['/usr/bin/python3', 'python3'];

/**
 * A fresh virtualenv whose python can import setuptools, or the reason there is
 * none (no python, no venv module, no setuptools): the caller skips with it.
 */
export async function makeVenv(dir: string): Promise<Venv | { skip: string }> {
  const reasons: string[] = [];
  for (const candidate of CANDIDATES) {
    try {
      await rm(dir, { recursive: true, force: true });
      await run(candidate, ['-m', 'venv', dir], { timeout: 120_000 });
      const python = path.join(dir, 'bin', 'python');
      await run(python, ['-c', 'import setuptools'], { timeout: 60_000 });
      return { dir, python, pip: path.join(dir, 'bin', 'pip') };
    } catch (e) {
      reasons.push(`${candidate}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return { skip: `no python3 that makes a virtualenv with setuptools (${reasons.join('; ')})` };
}

/** `<name>-<version>.tar.gz` of a fixture directory, as an sdist (setup.py at the top, PKG-INFO beside it). */
export async function buildSdist(srcDir: string, name: string, version: string, outDir: string): Promise<string> {
  const staging = await mkdtemp(path.join(os.tmpdir(), 'fence-sdist-'));
  try {
    const top = path.join(staging, `${name}-${version}`);
    await cp(srcDir, top, { recursive: true });
    await writeFile(path.join(top, 'PKG-INFO'), `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\n`);
    const file = path.join(outDir, `${name}-${version}.tar.gz`);
    await run('tar', ['-czf', file, '-C', staging, `${name}-${version}`]);
    return file;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export interface SimpleIndex {
  port: number;
  /** Request paths, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** A PEP 503 index: /simple/<name>/ lists the given files, /files/<file> serves them. */
export async function startSimpleIndex(files: string[]): Promise<SimpleIndex> {
  const byName = new Map(files.map((f) => [path.basename(f), f]));
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    // Through a forwarding proxy the request line carries the absolute URI.
    const url = new URL(req.url ?? '/', 'http://index.invalid');
    requests.push(url.pathname);
    const project = /^\/simple\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    if (project) {
      const links = [...byName.keys()]
        .filter((f) => f.toLowerCase().startsWith(`${project.toLowerCase()}-`))
        .map((f) => `<a href="/files/${f}">${f}</a><br/>`);
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<!DOCTYPE html><html><body>\n${links.join('\n')}\n</body></html>\n`);
      return;
    }
    const file = /^\/files\/([^/]+)$/.exec(url.pathname)?.[1];
    const local = file ? byName.get(file) : undefined;
    if (local && existsSync(local)) {
      void readFile(local).then((body) => res.writeHead(200, { 'content-type': 'application/gzip' }).end(body));
      return;
    }
    res.writeHead(404).end('not found\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
