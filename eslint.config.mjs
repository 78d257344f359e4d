import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const NO_VSCODE = { name: 'vscode', message: 'The core runs in plain Node: VS Code belongs in src/vscode (an adapter).' };
const NO_ADAPTERS = { group: ['**/vscode/*', '**/extension'], message: 'The core and the Node-only parts do not depend on the VS Code adapters.' };
const NO_NODE_ONLY = { group: ['**/node/*'], message: 'The core does not depend on the Node-only parts: it declares what it needs (see src/core/auth/crossWindow.ts).' };
const CLOCK = 'Time goes through a Clock (src/core/clock.ts), so tests can move it.';
const layer = (files, patterns) => ({ files, rules: { 'no-restricted-imports': ['error', { paths: [NO_VSCODE], patterns }] } });

/** light/user-text: text a person reads goes through l10n.t (vscode.l10n.t in the adapters, l10n.t from @vscode/l10n in
 *  the core and the Node-only parts), never as a string literal, so that `npm run l10n` finds it. It watches the sinks
 *  its options name: the arguments of calls and `new` by the callee's name (`calls`: argument indexes, or '*'), the
 *  values of properties, class fields, getters and assignments by the property's name (`properties`), and with
 *  `returns` what functions return. A literal reaches a sink as it is, as a branch of `?:`, `??`, `||` or `&&`, as a
 *  side of `+`, inside a template literal's `${…}`, or as what an arrow function there returns. A string without
 *  letters (punctuation, a codicon such as `$(key)`, a URL) is no text. Where a literal in a sink is not words
 *  (Light's own syntax, an example), an `eslint-disable-next-line light/user-text -- why` says so. */
const hasWords = (s) => /\p{L}/u.test(s.replace(/\$\([\w~-]+\)/g, '').replace(/\b[a-z][\w+.-]*:\/\/\S*/gi, ''));
function literalsIn(node) {
  switch (node?.type) {
    case 'Literal':
      return typeof node.value === 'string' && hasWords(node.value) ? [node] : [];
    case 'TemplateLiteral':
      return node.quasis.some((q) => hasWords(q.value.cooked ?? q.value.raw)) ? [node] : node.expressions.flatMap(literalsIn);
    case 'ConditionalExpression':
      return [...literalsIn(node.consequent), ...literalsIn(node.alternate)];
    case 'LogicalExpression':
      return [...literalsIn(node.left), ...literalsIn(node.right)];
    case 'BinaryExpression':
      return node.operator === '+' ? [...literalsIn(node.left), ...literalsIn(node.right)] : [];
    case 'ArrowFunctionExpression':
      return node.body.type === 'BlockStatement' ? [] : literalsIn(node.body);
    case 'TSAsExpression':
    case 'TSNonNullExpression':
      return literalsIn(node.expression);
    default:
      return [];
  }
}
const nameOf = (node) =>
  node?.type === 'Identifier' ? node.name : node?.type === 'Literal' ? String(node.value) : node?.type === 'MemberExpression' && !node.computed ? node.property.name : undefined;
const userText = {
  meta: {
    type: 'problem',
    messages: { literal: "Text a person reads goes through l10n.t: vscode.l10n.t('…') in src/vscode, l10n.t('…') from @vscode/l10n elsewhere (then npm run l10n)." },
    schema: [{ type: 'object', properties: { calls: { type: 'object' }, properties: { type: 'array', items: { type: 'string' } }, returns: { type: 'boolean' } }, additionalProperties: false }],
  },
  create(context) {
    const { calls = {}, properties = [], returns = false } = context.options[0] ?? {};
    const named = new Set(properties);
    const report = (node) => literalsIn(node).forEach((literal) => context.report({ node: literal, messageId: 'literal' }));
    const args = (node) => {
      const which = Object.hasOwn(calls, nameOf(node.callee) ?? '') ? calls[nameOf(node.callee)] : undefined;
      if (which) node.arguments.forEach((arg, i) => (which === '*' || which.includes(i)) && report(arg));
    };
    return {
      CallExpression: args,
      NewExpression: args,
      Property(node) {
        if (node.computed || !named.has(nameOf(node.key))) return;
        if (node.kind === 'get') node.value.body.body.filter((s) => s.type === 'ReturnStatement').forEach((s) => report(s.argument));
        else report(node.value);
      },
      PropertyDefinition: (node) => !node.computed && named.has(nameOf(node.key)) && report(node.value),
      AssignmentExpression: (node) => node.left.type === 'MemberExpression' && named.has(nameOf(node.left)) && report(node.right),
      ReturnStatement: (node) => returns && report(node.argument),
    };
  },
};
/** The sinks: what the adapters show (VS Code's notifications, boxes, picks, items, tooltips, tool texts, and this
 *  code's own helpers that show text: confirm in ask.ts, message in tree.ts, result in tools.ts), and the core's. */
const ADAPTER_TEXT = {
  calls: {
    showInformationMessage: '*', showWarningMessage: '*', showErrorMessage: '*', setStatusBarMessage: [0], confirm: '*',
    TreeItem: [0], MarkdownString: [0], appendText: [0], appendMarkdown: [0], LanguageModelTextPart: [0], result: [0], message: [1], LightError: [1],
  },
  properties: ['title', 'prompt', 'placeHolder', 'placeholder', 'validationMessage', 'validateInput', 'label', 'description', 'detail', 'tooltip', 'message', 'invocationMessage', 'text'],
};
/** The core's and the Node-only parts' text: error messages, the kinds' names, the sign-in ways' labels, the page the
 *  loopback way shows; the tools' answers are what their functions return. */
const CORE_TEXT = { calls: { LightError: [1], answer: [2, 3] }, properties: ['title', 'noun', 'plural', 'label'] };

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
  // Localization: no literal text on its way to a person (see userText above). The test hooks show nobody anything.
  { files: ['src/**/*.ts'], plugins: { light: { rules: { 'user-text': userText } } } },
  { files: ['src/extension.ts', 'src/vscode/**/*.ts'], ignores: ['src/vscode/testHooks.ts'], rules: { 'light/user-text': ['error', ADAPTER_TEXT] } },
  { files: ['src/core/**/*.ts', 'src/node/**/*.ts'], rules: { 'light/user-text': ['error', CORE_TEXT] } },
  { files: ['src/core/tools/**/*.ts'], rules: { 'light/user-text': ['error', { ...CORE_TEXT, returns: true }] } },
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
