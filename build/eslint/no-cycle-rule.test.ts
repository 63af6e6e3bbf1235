import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';
import { noCycleRule, scanSpecifiers } from './no-cycle-rule.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'seatdesk-no-cycle-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

/**
 * Writes a little project on disk (the rule follows imports through real files) and returns the
 * absolute path and text of each file. Each case gets its own folder: the rule's cache lives as
 * long as the process.
 */
function project(name: string, files: Record<string, string>) {
  const dir = path.join(temp, name);
  const out: Record<string, { filename: string; code: string }> = {};
  for (const [rel, code] of Object.entries(files)) {
    const filename = path.join(dir, rel);
    fs.mkdirSync(path.dirname(filename), { recursive: true });
    fs.writeFileSync(filename, code);
    out[rel] = { filename, code };
  }
  return out;
}
/** The cycle as the message shows it. */
const chain = (...files: string[]) =>
  files.map((f) => path.relative(process.cwd(), f).split(path.sep).join('/')).join(' → ');

const two = project('two', {
  'a.ts': "import { b } from './b';\nexport const a = () => b;\n",
  'b.ts': "import { a } from './a';\nexport const b = () => a;\n",
});
const three = project('three', {
  'a.ts': "import { b } from './b';\nexport const a = 1 + b;\n",
  'b.ts': "export { c as b } from './sub';\n",
  'sub/index.ts': "import { a } from '../a.js';\nexport const c = a;\n",
});
const typeOnly = project('type-only', {
  'a.ts': "import type { B } from './b';\nexport type A = { b: B };\nexport const a = 1;\n",
  'b.ts': "import { a } from './a';\nexport type B = { a: typeof a };\n",
  'c.ts': "import { type D } from './d';\nexport type C = D;\nexport const c = 1;\n",
  'd.ts': "import { c } from './c';\nexport type D = typeof c;\n",
});
const dynamic = project('dynamic', {
  'a.tsx': "export const load = () => import('./b');\n",
  'b.ts': "import { load } from './a';\nexport const again = load;\n",
});
const self = project('self', { 'self.ts': "export * from './self';\n" });
const acyclic = project('acyclic', {
  'a.ts':
    "import { b } from './b';\nimport './styles.css';\nimport { z } from 'zod';\nexport const a = [b, z];\n",
  'b.ts': "import { c } from './c';\nexport const b = c;\n",
  'c.ts': 'export const c = 1;\n',
  'styles.css': 'p {}\n',
});

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

tester.run('seatdesk/no-cycle', noCycleRule, {
  valid: [
    { name: 'a chain without a way back', ...acyclic['a.ts']! },
    { name: 'the end of the chain', ...acyclic['c.ts']! },
    { name: 'a type-only import does not close a cycle', ...typeOnly['a.ts']! },
    { name: 'nor seen from the other side (read from disk)', ...typeOnly['b.ts']! },
    { name: 'inline type specifiers are erased too', ...typeOnly['c.ts']! },
    { name: 'nor seen from the other side of those', ...typeOnly['d.ts']! },
  ],
  invalid: [
    {
      name: 'a two-file cycle',
      ...two['a.ts']!,
      errors: [
        {
          messageId: 'cycle',
          data: { cycle: chain(two['a.ts']!.filename, two['b.ts']!.filename, two['a.ts']!.filename) },
        },
      ],
    },
    {
      name: 'the same cycle from its other end',
      ...two['b.ts']!,
      errors: [{ messageId: 'cycle' }],
    },
    {
      name: 'a three-file cycle through a re-export, an index.ts and a .js specifier',
      ...three['a.ts']!,
      errors: [
        {
          messageId: 'cycle',
          data: {
            cycle: chain(
              three['a.ts']!.filename,
              three['b.ts']!.filename,
              three['sub/index.ts']!.filename,
              three['a.ts']!.filename,
            ),
          },
        },
      ],
    },
    {
      name: 'a dynamic import is an edge',
      ...dynamic['a.tsx']!,
      errors: [{ messageId: 'cycle' }],
    },
    {
      name: 'a file importing itself',
      ...self['self.ts']!,
      errors: [{ messageId: 'cycle' }],
    },
  ],
});

describe('scanSpecifiers', () => {
  it('keeps relative runtime imports and drops the erased ones', () => {
    const text = [
      "// import x from './comment'",
      "/* export * from './block-comment' */",
      "import type { A } from './t1';",
      "import { type B, type C } from './t2';",
      "import { type D, E } from './v1';",
      "import F, { type G } from './v2';",
      "import type H from './t3';",
      "import * as I from './v3';",
      "import type * as J from './t4';",
      "import './v4';",
      "import type, { K } from './v5';",
      "import type from './v6';",
      "export type { L } from './t5';",
      "export { type M } from './t6';",
      "export { N, type O } from './v7';",
      "export * from './v8';",
      "export type * from './t7';",
      "export * as P from './v9';",
      "import { zod } from 'zod';",
      'const re = /[\'"`]/g;',
      "const s = `template ${re.source + `inner ${'}'}`} import('./in-template')`;",
      'const half = 4 / 2 / 1;',
      'const obj = { import: 1 }; obj.import;',
      "const lazy = () => import('./v10');",
      "function f() { return /import x from '.\\/in-regex'/.test(s); }",
      "import x = require('./v11');",
      "import type y = require('./t8');",
    ].join('\n');
    expect(scanSpecifiers(text).sort()).toEqual(
      ['./v1', './v10', './v11', './v2', './v3', './v4', './v5', './v6', './v7', './v8', './v9'].sort(),
    );
  });
});
