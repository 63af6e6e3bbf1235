import { describe, expect, it } from 'vitest';
import { migrations, splitStatements } from './migrate';

describe('splitStatements', () => {
  it('keeps $$-quoted function bodies whole and drops comment lines', () => {
    const parts = splitStatements(`-- a comment; with a semicolon
CREATE TABLE a (x int);
CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1;
  RETURN NEW;
END $$;
SELECT 1;`);
    expect(parts).toHaveLength(3);
    expect(parts[1]).toContain('RETURN NEW;');
    expect(parts[1]?.endsWith('END $$;')).toBe(true);
  });

  it('splits the shipped migrations into statements that each end with a semicolon', () => {
    for (const m of migrations) for (const s of splitStatements(m.sql)) expect(s.endsWith(';')).toBe(true);
  });
});
