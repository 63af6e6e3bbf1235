import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Every `startWorker(import.meta.url, '<name>', …)` under main/: the worker entries the app starts. */
function startedWorkers(): { name: string; from: string }[] {
  const found: { name: string; from: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.test.ts')) {
        for (const m of readFileSync(file, 'utf8').matchAll(
          /startWorker\(\s*import\.meta\.url,\s*'([\w-]+)'/g,
        ))
          found.push({ name: m[1]!, from: path.relative(root, file) });
      }
    }
  };
  walk(path.join(root, 'main'));
  return found;
}

describe('the Electron bundle', () => {
  // Read as text: the layering rule keeps tooling from importing the root's config files.
  const configText = readFileSync(path.join(root, 'electron.vite.config.ts'), 'utf8');
  const inputs = Object.fromEntries(
    [...configText.matchAll(/'?([\w-]+)'?: resolve\(import\.meta\.dirname, '([^']+)'\)/g)].map((m) => [
      m[1]!,
      path.join(root, m[2]!),
    ]),
  );

  it('has an entry, emitted beside index.js, for every worker thread main/ starts', () => {
    const workers = startedWorkers();
    expect(workers.map((w) => w.name).sort()).toEqual(['data-writer-worker', 'seed-worker', 'sync-worker']);
    for (const w of workers) {
      const input = inputs[w.name];
      expect(input, `${w.name} (started in ${w.from}) is not an electron-vite main entry`).toBeDefined();
      expect(path.relative(root, input!)).toBe(path.join(path.dirname(w.from), `${w.name}.ts`));
      expect(existsSync(input!)).toBe(true);
    }
  });

  it('is packaged whole: electron-builder takes all of out/', () => {
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^files:\n(?: {2}- .*\n)*? {2}- out\/\*\*\n/m);
  });
});
