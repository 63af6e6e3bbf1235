import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RendererNotBuiltError } from './renderer-dir';
import { startHost } from './start-host';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('startHost', () => {
  it('refuses to start without a built renderer, before creating its data directory', async () => {
    const root = mkdtempSync(join(tmpdir(), 'seatdesk-start-host-'));
    dirs.push(root);
    const dataDir = join(root, 'data');
    const rendererDir = join(root, 'out', 'renderer');
    const started = startHost({ dataDir, rendererDir, port: 0 });
    await expect(started).rejects.toThrow(RendererNotBuiltError);
    await expect(started).rejects.toThrow(/bash scripts\/build-web\.sh/);
    expect(existsSync(dataDir)).toBe(false);
  });
});
