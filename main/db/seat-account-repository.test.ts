import { describe, expect, it } from 'vitest';
import { openTestDatabase } from './open-database';
import { SeatAccountRepository } from './seat-account-repository';

describe('SeatAccountRepository', () => {
  it('keeps the seat account in the database until it is cleared', () => {
    const db = openTestDatabase();
    const repo = new SeatAccountRepository(db);
    expect(repo.current()).toBeNull();
    const a = { server: 'https://central.test', userId: 'u-agent1001', username: 'agent1001' };
    repo.set(a);
    // Another connection (the sync worker's, or the next start) sees the same account.
    expect(new SeatAccountRepository(db).current()).toEqual(a);
    repo.set({ ...a, userId: 'u-agent2001', username: 'agent2001' });
    expect(repo.current()?.username).toBe('agent2001');
    repo.clear();
    expect(repo.current()).toBeNull();
  });
});
