import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cspMetaPolicy } from '../shared/security/csp';
import { cspMetaPlugin } from './csp-meta-plugin';

describe('the CSP meta tag', () => {
  it('is put first in <head> of a built page, with the meta-valid policy, and never in dev', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'seatdesk-csp-meta-'));
    try {
      const page = path.join(root, 'index.html');
      writeFileSync(page, '<!doctype html><html><head><title>t</title></head><body></body></html>');
      await build({ root, logLevel: 'silent', plugins: [cspMetaPlugin()], build: { outDir: 'out' } });
      const html = readFileSync(path.join(root, 'out', 'index.html'), 'utf8');
      const meta = html.match(/<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
      expect(meta, html).not.toBeNull();
      expect(meta![1]!.replaceAll('&#39;', "'")).toBe(cspMetaPolicy);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    expect(cspMetaPlugin().apply).toBe('build');
  });
});
