import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_VSCODE = { name: 'vscode', message: 'The core runs in plain Node: VS Code belongs in src/vscode (an adapter).' };
const NO_ADAPTERS = { group: ['**/vscode/*', '**/extension'], message: 'The core and the Node-only parts do not depend on the VS Code adapters.' };
const NO_NODE_ONLY = { group: ['**/node/*'], message: 'The core does not depend on the Node-only parts: it declares what it needs (see src/core/auth/crossWindow.ts).' };
const CLOCK = 'Time goes through a Clock (src/core/clock.ts), so tests can move it.';
const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns }] } });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', '.vscode-test/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  // The layers (see README, Development): the core and the Node-only parts never import VS Code or its adapters,
  // and the core does not import the Node-only parts either.
  layer(['src/node/**/*.ts'], [NO_ADAPTERS]),
  layer(['src/core/**/*.ts'], [NO_ADAPTERS, NO_NODE_ONLY]),
  // Time has one owner, src/core/clock.ts: everything else reads the time and waits through a Clock.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/core/clock.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: CLOCK }],
      'no-restricted-globals': ['error', ...['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((name) => ({ name, message: CLOCK }))],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', globalThis: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly' } },
  },
);
