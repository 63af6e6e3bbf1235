import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared';
import { openTestDatabase } from '../db/open-database';
import { SeatAccountRepository } from '../db/seat-account-repository';
import { MemorySecretStore } from '../settings/secret-store';
import { BoundRefreshToken } from './bound-refresh-token';
import { SyncService } from './sync-service';

const token = 'r'.repeat(40);

describe('BoundRefreshToken', () => {
  it('gives the token back only for the server that issued it (any spelling of that URL)', () => {
    const store = new MemorySecretStore();
    const bound = new BoundRefreshToken(store);
    bound.set('https://a.example/', token);
    expect(bound.take('https://a.example')).toBe(token);
    expect(bound.take('https://a.example/')).toBe(token);
  });

  it('drops a token of another server instead of handing it over', () => {
    const store = new MemorySecretStore();
    const bound = new BoundRefreshToken(store);
    bound.set('https://a.example', token);
    expect(bound.take('https://b.example')).toBeNull();
    // Gone for good: pointing the seat back at the first server does not bring it back.
    expect(bound.take('https://a.example')).toBeNull();
    expect(store.get()).toBe('');
  });

  it('drops a token stored before binding (plain text, no server named)', () => {
    const store = new MemorySecretStore();
    store.set(token);
    expect(new BoundRefreshToken(store).take('https://a.example')).toBeNull();
    expect(store.get()).toBe('');
  });
});

describe('SyncService.start with a token of another server', () => {
  it('sends nothing to the configured server, drops the token and the other server’s account', async () => {
    const seen: string[] = [];
    const http = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      const db = openTestDatabase();
      const account = new SeatAccountRepository(db);
      account.set({ server: 'https://old.example', userId: 'u-agent1001', username: 'agent1001' });
      const store = new MemorySecretStore();
      new BoundRefreshToken(store).set('https://old.example', token);
      const sync = new SyncService({
        dbFile: ':memory:',
        db,
        settings: () => ({ ...defaultSettings, serverUrl: url }),
        tokenStore: store,
      });
      await sync.start();
      await sync.close();
      expect(seen).toEqual([]);
      expect(store.get()).toBe('');
      // What is filed now belongs to nobody until someone signs in to this server.
      expect(account.current()).toBeNull();
    } finally {
      await new Promise((ok) => http.close(ok));
    }
  });
});

describe('SyncService.logout', () => {
  it('forgets the token and the account: what is filed next belongs to nobody', () => {
    const db = openTestDatabase();
    const account = new SeatAccountRepository(db);
    account.set({ server: 'https://central.test', userId: 'u-agent1001', username: 'agent1001' });
    const store = new MemorySecretStore();
    new BoundRefreshToken(store).set('https://central.test', token);
    const sync = new SyncService({
      dbFile: ':memory:',
      db,
      settings: () => ({ ...defaultSettings, serverUrl: 'https://central.test' }),
      tokenStore: store,
    });
    expect(sync.logout()).toBe(true);
    expect(store.get()).toBe('');
    expect(account.current()).toBeNull();
  });
});

describe('SyncService.logout with the server reachable', () => {
  it('asks the server that issued the token to end its session', async () => {
    const seen: { url: string; body: string }[] = [];
    const http = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ url: `${req.method} ${req.url}`, body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      const store = new MemorySecretStore();
      new BoundRefreshToken(store).set(url, token);
      const sync = new SyncService({
        dbFile: ':memory:',
        db: openTestDatabase(),
        settings: () => ({ ...defaultSettings, serverUrl: url }),
        tokenStore: store,
      });
      expect(sync.logout()).toBe(true);
      expect(store.get()).toBe('');
      await expect.poll(() => seen).toHaveLength(1);
      expect(seen[0]?.url).toBe('POST /v1/auth/logout');
      expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ refreshToken: token });
    } finally {
      await new Promise((ok) => http.close(ok));
    }
  });
});

describe('SyncService.start with no token left (a browser-mode restart)', () => {
  it('forgets the last account: the next person at the seat does not file under its name', async () => {
    const db = openTestDatabase();
    const account = new SeatAccountRepository(db);
    account.set({ server: 'https://central.test', userId: 'u-agent1001', username: 'agent1001' });
    const sync = new SyncService({
      dbFile: ':memory:',
      db,
      settings: () => ({ ...defaultSettings, serverUrl: 'https://central.test' }),
      tokenStore: new MemorySecretStore(),
    });
    await sync.start();
    expect(account.current()).toBeNull();
  });
});
