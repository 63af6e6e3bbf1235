import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertRendererBuilt, RendererNotBuiltError } from './renderer-dir';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'seatdesk-renderer-dir-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('assertRendererBuilt', () => {
  it('accepts a directory with an index.html', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'index.html'), '<!doctype html>');
    expect(() => assertRendererBuilt(dir)).not.toThrow();
  });

  it.each([
    ['an empty directory', (d: string) => d],
    ['a directory that does not exist', (d: string) => join(d, 'out', 'renderer')],
    [
      'an index.html that is a directory',
      (d: string) => {
        mkdirSync(join(d, 'index.html'));
        return d;
      },
    ],
  ])('refuses %s, naming the directory and the command that builds it', (_what, make) => {
    const dir = make(tempDir());
    let err: unknown;
    try {
      assertRendererBuilt(dir);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RendererNotBuiltError);
    expect((err as RendererNotBuiltError).dir).toBe(dir);
    expect((err as Error).message).toContain(dir);
    expect((err as Error).message).toContain('bash scripts/build-web.sh');
    expect((err as Error).message).toContain('npm run build:renderer');
  });
});
