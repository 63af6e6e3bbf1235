// @ts-check
/**
 * seatdesk/layering: every import is checked against what its environment may
 * import (style.md §1). An import the table cannot classify fails too, so a new
 * dependency has to be placed in an environment on purpose.
 *
 * Inside the renderer (style.md §7, §8): a feature is reached from outside only
 * through its index.ts face, SIP.js belongs to the softphone feature, and the test
 * runner belongs to test files wherever they sit.
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
    packages: [/^node:/, /^zod$/, /^better-sqlite3$/, /^ws$/, /^libphonenumber-js(\/.*)?$/],
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
    ],
  },
  tooling: {
    folders: ['shared', 'main', 'server', 'tests', 'bench', 'tools', 'renderer', 'scripts', 'build'],
    packages: [/^node:/, /^[@a-z]/],
  },
};

/**
 * Packages with a single owner, checked before the environment tables (style.md §7: SIP objects
 * stay inside the telephony module). tools/caller-sim is the SIP caller the integration and e2e
 * tests dial from: its own page and bundle, not app code.
 * @type {{ source: RegExp; owners: string[] }[]}
 */
const owned = [{ source: /^sip\.js(\/.*)?$/, owners: ['renderer/features/softphone/', 'tools/caller-sim/'] }];

/** The test runner belongs to tests, whichever environment they sit in. */
const testRunner = /^vitest(\/.*)?$/;

/** @param {string} rel a root-relative path with '/' separators */
function mayUseTestRunner(rel) {
  return (
    /\.test\.tsx?$/.test(rel) ||
    rel.startsWith('tests/') ||
    rel.startsWith('bench/') ||
    /^[^/]+\.config\.ts$/.test(rel)
  );
}

/**
 * The feature a root-relative path lies in (`renderer/features/<feature>/...`), if any.
 * @param {string[]} parts
 */
function featureOf(parts) {
  return parts[0] === 'renderer' && parts[1] === 'features' && parts.length >= 4 ? parts[2] : undefined;
}

/**
 * The feature whose internals `target` reaches into from outside it, if it does: a feature is
 * reached only as its folder or its index (style.md §8); inside it, any sibling will do.
 * @param {string[]} fromParts @param {string[]} targetParts
 */
function featureBehindFace(fromParts, targetParts) {
  const feature = featureOf(targetParts);
  if (feature === undefined || feature === featureOf(fromParts)) return undefined;
  if (targetParts.length === 4 && /^index(\.[jt]sx?)?$/.test(targetParts[3] ?? '')) return undefined;
  return feature;
}

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
  meta: {
    type: 'problem',
    schema: [],
    messages: {
      bad: '{{env}} code may not import "{{source}}"{{why}}',
      featureFace:
        '"{{source}}" reaches inside feature {{feature}}: import its index "{{face}}" (renderer/features/{{feature}}/index.ts) instead',
      owned: '"{{source}}" may be imported only under {{owners}}',
      testRunner:
        '"{{source}}" is the test runner: only *.test.ts(x) files, tests/, bench/ and *.config.ts may import it',
    },
  },
  create(context) {
    const file = context.filename;
    const parts = path.relative(root, file).split(path.sep);
    const rel = parts.join('/');
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
        } else {
          const feature = featureBehindFace(parts, target);
          if (feature === undefined) return;
          const facePath = path.relative(
            path.dirname(file),
            path.join(root, 'renderer', 'features', feature),
          );
          const face = facePath.split(path.sep).join('/');
          context.report({
            node,
            messageId: 'featureFace',
            data: { source, feature, face: face.startsWith('.') ? face : `./${face}` },
          });
        }
        return;
      }
      if (testRunner.test(source)) {
        if (!mayUseTestRunner(rel)) context.report({ node, messageId: 'testRunner', data: { source } });
        return;
      }
      const owner = owned.find((o) => o.source.test(source));
      if (owner && !owner.owners.some((folder) => rel.startsWith(folder))) {
        context.report({ node, messageId: 'owned', data: { source, owners: owner.owners.join(' and ') } });
        return;
      }
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
