// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { layeringRule } from './build/eslint/layering-rule.js';
import { noCycleRule } from './build/eslint/no-cycle-rule.js';

/** Dangerous patterns (style.md §11): each exception needs an eslint-disable with a reason. */
const dangerous = [
  {
    selector: "MemberExpression[property.name='innerHTML']",
    message: 'innerHTML is banned: render text as text.',
  },
  { selector: "MemberExpression[property.name='outerHTML']", message: 'outerHTML is banned.' },
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'dangerouslySetInnerHTML is banned.',
  },
  { selector: "CallExpression[callee.name='eval']", message: 'eval is banned.' },
  {
    // Electron checklist 15: no URL is ever handed to the OS (main/electron/harden-web-contents.ts).
    selector: "MemberExpression[property.name='openExternal']",
    message: 'shell.openExternal is banned: the app opens no outside URL.',
  },
  { selector: "NewExpression[callee.name='Function']", message: 'new Function is banned.' },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'insertAdjacentHTML is banned.',
  },
];

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'release/',
      '.cache/',
      '.data/',
      'bench/.data/',
      'test-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { seatdesk: { rules: { layering: layeringRule, 'no-cycle': noCycleRule } } },
    rules: {
      'seatdesk/layering': 'error',
      'no-restricted-syntax': ['error', ...dangerous],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read configuration in main/, pass it in explicitly.',
        },
      ],
    },
  },
  {
    // Import cycles (build/eslint/no-cycle-rule.js) in the app's own code; tests and tooling are left out.
    files: ['{renderer,shared,main,preload,server}/**/*.{ts,tsx}'],
    rules: { 'seatdesk/no-cycle': 'error' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Entry points and tooling may read the environment; the renderer never can.
    files: [
      'main/**/cli.ts',
      'server/cli.ts',
      'server/*-cli.ts',
      'main/**/*-cli.ts',
      'main/electron/**',
      'tests/**',
      'bench/**',
      'tools/**',
      'scripts/**',
      '*.config.ts',
      'build/**',
    ],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
