// @ts-check
/**
 * seatdesk/layering: every import is checked against what its environment may
 * import (style.md §1). An import the table cannot classify fails too, so a new
 * dependency has to be placed in an environment on purpose.
 */
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** @type {Record<string, { folders: string[]; packages: RegExp[] }>} */
const environments = {
  shared: { folders: ['shared'], packages: [/^zod$/, /^libphonenumber-js(\/.*)?$/] },
  renderer: {
    folders: ['shared', 'renderer'],
    packages: [
      /^zod$/,
      /^react(-dom)?(\/.*)?$/,
      /^zustand(\/.*)?$/,
      /^sip\.js(\/.*)?$/,
      /^i18next$/,
      /^react-i18next$/,
      /^libphonenumber-js(\/.*)?$/,
      /^vitest$/,
      /\.css$/,
    ],
  },
  preload: { folders: ['shared', 'preload'], packages: [/^electron$/, /^zod$/] },
  electronMain: {
    folders: ['shared', 'main'],
    packages: [/^electron$/, /^node:/, /^zod$/, /^better-sqlite3$/, /^ws$/, /^libphonenumber-js(\/.*)?$/],
  },
  main: {
    folders: ['shared', 'main'],
    packages: [/^node:/, /^zod$/, /^better-sqlite3$/, /^ws$/, /^libphonenumber-js(\/.*)?$/, /^vitest$/],
  },
  server: {
    folders: ['shared', 'server'],
    packages: [
      /^node:/,
      /^zod$/,
      /^fastify$/,
      /^@electric-sql\/pglite$/,
      /^pg$/,
      /^pg-copy-streams$/,
      /^ws$/,
      /^vitest$/,
    ],
  },
  tooling: {
    folders: ['shared', 'main', 'server', 'tests', 'bench', 'tools', 'renderer', 'scripts', 'build'],
    packages: [/^node:/, /^[@a-z]/],
  },
};

/** @param {string} file */
function environmentOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  const top = rel[0];
  if (top === 'shared') return 'shared';
  if (top === 'renderer') return 'renderer';
  if (top === 'preload') return 'preload';
  if (top === 'server') return 'server';
  if (top === 'main') return rel[1] === 'electron' ? 'electronMain' : 'main';
  return 'tooling';
}

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: { type: 'problem', schema: [], messages: { bad: '{{env}} code may not import "{{source}}"{{why}}' } },
  create(context) {
    const file = context.filename;
    const env = environmentOf(file);
    const allowed = environments[env];
    /** @param {import('estree').Node} node @param {string} source */
    function check(node, source) {
      if (!allowed) return;
      if (source.startsWith('.')) {
        const target = path.relative(root, path.resolve(path.dirname(file), source)).split(path.sep);
        const top = target[0] ?? '';
        if (env === 'main' && top === 'main' && target[1] === 'electron') {
          context.report({
            node,
            messageId: 'bad',
            data: { env, source, why: ' (only main/electron may reach Electron)' },
          });
        } else if (!allowed.folders.includes(top) && !(env === 'tooling' && top.startsWith('.'))) {
          context.report({
            node,
            messageId: 'bad',
            data: { env, source, why: ` (folder ${top}/ is outside this environment)` },
          });
        }
        return;
      }
      // Tests beside the code may use the test runner, whatever their environment.
      if (/\.test\.tsx?$/.test(file) && source === 'vitest') return;
      if (!allowed.packages.some((re) => re.test(source))) {
        context.report({ node, messageId: 'bad', data: { env, source, why: '' } });
      }
    }
    return {
      ImportDeclaration(node) {
        check(node, String(node.source.value));
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, String(node.source.value));
      },
      ExportAllDeclaration(node) {
        check(node, String(node.source.value));
      },
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, String(node.source.value));
      },
    };
  },
};
