import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './open-database';
import { ensurePrivateDir } from './private-files';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const mode = (p: string) => statSync(p).mode & 0o777;

describe('the seat’s data at rest', () => {
  it('creates the data folder 0700 and tightens one that exists wider', () => {
    const root = mkdtempSync(join(tmpdir(), 'seatdesk-priv-'));
    dirs.push(root);
    const fresh = join(root, 'fresh', 'data');
    ensurePrivateDir(fresh);
    expect(mode(fresh)).toBe(0o700);
    const wide = join(root, 'wide');
    mkdirSync(wide, { mode: 0o755 });
    chmodSync(wide, 0o777);
    ensurePrivateDir(wide);
    expect(mode(wide)).toBe(0o700);
  });

  it('leaves the SQLite file and its WAL companions 0600, even ones made wider before', () => {
    const root = mkdtempSync(join(tmpdir(), 'seatdesk-priv-'));
    dirs.push(root);
    const file = join(root, 'seatdesk.db');
    openDatabase(file).close();
    chmodSync(file, 0o644);
    const db = openDatabase(file);
    db.prepare('CREATE TABLE IF NOT EXISTS t (x)').run();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) expect(mode(f), f).toBe(0o600);
    db.close();
  });
});
