import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultLogDir, logEvent, logFileName, openEventLog } from './event-log.js';
import type { FenceEvent } from './event-types.js';

const base = mkdtempSync(path.join(tmpdir(), 'fence-log-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('session event log', () => {
  it('chooses FENCE_LOG_DIR, then XDG_STATE_HOME, then ~/.local/state', () => {
    expect(defaultLogDir({ FENCE_LOG_DIR: '/a', XDG_STATE_HOME: '/b', HOME: '/h' })).toBe('/a');
    expect(defaultLogDir({ XDG_STATE_HOME: '/b', HOME: '/h' })).toBe('/b/fence/logs');
    expect(defaultLogDir({ HOME: '/h' })).toBe('/h/.local/state/fence/logs');
    expect(logFileName(new Date('2026-01-02T03:04:05.678Z'), 42)).toBe('2026-01-02T03-04-05.678Z-42.jsonl');
  });

  it('creates the file on the first event and appends one JSON line per event', () => {
    const seen: FenceEvent[] = [];
    const dir = path.join(base, 'nested', 'logs');
    const log = openEventLog({ session: '42-100', ownerPid: 42, env: { FENCE_LOG_DIR: dir }, onEvent: (e) => seen.push(e) });
    expect(existsSync(log.path)).toBe(false);
    log.write({ type: 'network', package: 'a', version: '1.0.0', event: 'install', protocol: 'socks5', host: 'x.test', port: 443, reason: 'denied' });
    logEvent(log, { type: 'warning', message: 'something odd' });
    const lines = readFileSync(log.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { time: expect.any(String), session: '42-100', type: 'network', package: 'a', version: '1.0.0', event: 'install', protocol: 'socks5', host: 'x.test', port: 443, reason: 'denied' },
      { time: expect.any(String), session: '42-100', type: 'warning', message: 'something odd' },
    ]);
    expect(statSync(log.path).mode & 0o777).toBe(0o600);
    expect(seen.map((e) => e.type)).toEqual(['network', 'warning']);
  });

  it('never throws when the log cannot be written', () => {
    const blocker = path.join(base, 'a-file');
    writeFileSync(blocker, '');
    const log = openEventLog({ session: 's', ownerPid: 1, logDir: path.join(blocker, 'logs') });
    expect(() => log.write({ type: 'warning', message: 'x' })).not.toThrow();
  });
});
