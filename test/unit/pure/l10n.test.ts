import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as l10n from '@vscode/l10n';
import { ESLint } from 'eslint';
import * as ts from 'typescript';
import { signedOut } from '../../../src/core/api/lightClient';
import { kindOf, RecordKind } from '../../../src/core/explorer/catalog';
import { describeView, parseCondition } from '../../../src/core/explorer/listQuery';
import { Listing } from '../../../src/core/explorer/listing';
import { errorText } from '../../../src/core/tools/lightTools';

const ROOT = path.resolve(__dirname, '../../../..');
const SRC = path.join(ROOT, 'src');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');
const readBundle = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, string | { message: string; comment: string[] }>;
const vendors = () => kindOf('vendors') as RecordKind;

/** The key of every `l10n.t(…)` and `vscode.l10n.t(…)` call in a source file, as the bundle keys them (`message`, or
 *  `message/comment` with a comment), and the calls whose message is not a literal (which the export cannot find). */
function l10nCalls(file: string): { keys: string[]; unreadable: string[] } {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const keys: string[] = [];
  const unreadable: string[] = [];
  const literal = (node: ts.Node | undefined) => (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 't' && /^(vscode\.)?l10n$/.test(node.expression.expression.getText(source))) {
      const [first] = node.arguments;
      let key = literal(first);
      if (first && ts.isObjectLiteralExpression(first)) {
        const prop = (name: string) => first.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(source) === name)?.initializer;
        const comment = prop('comment');
        const comments = comment && ts.isArrayLiteralExpression(comment) ? comment.elements.map(literal) : [literal(comment)];
        const message = literal(prop('message'));
        if (message !== undefined && comments.every((c) => c !== undefined)) key = comments.length ? `${message}/${comments.join('')}` : message;
      }
      if (key === undefined) unreadable.push(`${path.relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText(source).slice(0, 80)}`);
      else keys.push(key);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { keys, unreadable };
}

describe('localization', () => {
  describe('the bundle, l10n/bundle.l10n.json', () => {
    it('is what `npm run l10n` exports from src/ now (run it after adding or changing a string)', function () {
      this.timeout(120_000);
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'light-l10n-'));
      try {
        execFileSync(process.execPath, [require.resolve('@vscode/l10n-dev/dist/cli.js'), 'export', '--outDir', out, './src'], { cwd: ROOT, stdio: 'pipe' });
        const exported = readBundle(path.join(out, 'bundle.l10n.json'));
        const committed = readBundle(BUNDLE);
        const missing = Object.keys(exported).filter((k) => !(k in committed));
        const stale = Object.keys(committed).filter((k) => !(k in exported));
        assert.deepStrictEqual({ missing, stale }, { missing: [], stale: [] }, 'l10n/bundle.l10n.json is out of date: run npm run l10n');
        assert.deepStrictEqual(committed, exported);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    });

    it('holds exactly the messages of the l10n.t calls in src/, and every call names its message as a literal', () => {
      const files = fs.readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(SRC, f));
      const calls = files.map(l10nCalls);
      assert.deepStrictEqual(calls.flatMap((c) => c.unreadable), [], 'the export finds only literal messages: l10n.t(`…{0}…`, value), not l10n.t(text)');
      const used = new Set(calls.flatMap((c) => c.keys));
      const keys = Object.keys(readBundle(BUNDLE));
      assert.deepStrictEqual(keys.filter((k) => !used.has(k)), [], 'keys of the bundle no call uses');
      assert.deepStrictEqual([...used].filter((k) => !keys.includes(k)), [], 'messages missing from the bundle');
      // Both halves are in it: the adapters' vscode.l10n.t and the core's l10n.t from @vscode/l10n.
      assert.ok(keys.includes('Read from Light?') && keys.includes('Vendors') && keys.includes('Browser, back to a local port'));
    });

    it('is English: each message is its own key (a comment only adds to the key)', () => {
      for (const [key, value] of Object.entries(readBundle(BUNDLE))) {
        if (typeof value === 'string') assert.strictEqual(value, key);
        else assert.strictEqual(`${value.message}/${value.comment.join('')}`, key);
      }
    });
  });

  describe("the core's words come from the bundle (@vscode/l10n, configured from VS Code's bundle in activate)", () => {
    afterEach(() => l10n.config({ contents: {} }));

    it('in another language: the groups, the errors, the view and the tools say it in that language', async () => {
      l10n.config({
        contents: {
          Vendors: 'Lieferanten',
          vendors: 'Lieferanten',
          'by {0} {1}': 'nach {0} {1}',
          'Light cannot filter {0} by "{1}". It can filter them by: {2}.': 'Light kann {0} nicht nach "{1}" filtern. Möglich: {2}.',
          'You are signed out of Light. Run "Sign in to Light" and try again.': 'Sie sind von Light abgemeldet.',
          'Light answered {0} without a list.': 'Light hat {0} ohne Liste beantwortet.',
          'No {0} match.': 'Keine {0} gefunden.',
        },
      });
      assert.strictEqual(vendors().title, 'Lieferanten');
      assert.strictEqual(describeView({ conditions: [], sort: { field: 'name', direction: 'asc' } }), 'nach name ↑');
      assert.throws(() => parseCondition(vendors(), 'colour eq red'), (e: Error) => e.message.startsWith('Light kann Lieferanten nicht nach "colour" filtern. Möglich: id, status'));
      assert.strictEqual(signedOut().message, 'Sie sind von Light abgemeldet.');
      const listing = new Listing(kindOf('bankAccounts') as RecordKind, () => ({ get: async () => ({}) }) as never);
      await listing.loadMore();
      assert.strictEqual(listing.state.kind === 'failed' && listing.state.error.message, 'Light hat /v1/bank-accounts ohne Liste beantwortet.');
      assert.strictEqual(errorText(signedOut()), 'The user is not signed in to Light. Ask them to run "Sign in to Light" from the Command Palette (or the Light view), then try again.', 'a message the bundle lacks stays English');
    });

    it('in a pseudo-language made from the whole bundle: every message is looked up, comments and placeholders kept', () => {
      const pseudo = Object.fromEntries(Object.entries(readBundle(BUNDLE)).map(([key, v]) => [key, `⟦${typeof v === 'string' ? v : v.message}⟧`]));
      l10n.config({ contents: pseudo });
      assert.strictEqual(vendors().title, '⟦Vendors⟧');
      assert.strictEqual(vendors().noun, '⟦vendor⟧');
      assert.deepStrictEqual(vendors().fieldsOf({ name: 'Acme' }), [['⟦Name⟧', 'Acme']]);
      assert.strictEqual(describeView({ conditions: [{ field: 'status', op: 'in', values: ['A', 'B'] }] }), 'status ⟦is one of⟧ A | B');
      assert.strictEqual(errorText(signedOut()), '⟦The user is not signed in to Light. Ask them to run "Sign in to Light" from the Command Palette (or the Light view), then try again.⟧');
      l10n.config({ contents: {} });
      assert.strictEqual(vendors().title, 'Vendors', 'and back in English');
    });
  });

  describe('lint (light/user-text in eslint.config.mjs): no literal text on its way to a person', () => {
    let eslint: ESLint;
    before(() => {
      eslint = new ESLint({ cwd: ROOT });
    });
    const lint = async (file: string, text: string) =>
      (await eslint.lintText(text, { filePath: path.join(ROOT, file) }))[0].messages.filter((m) => m.ruleId === 'light/user-text').map((m) => `${m.line}:${m.column}`);
    const adapter = (body: string) => `import * as vscode from 'vscode';\ndeclare const label: string, item: vscode.StatusBarItem, ok: boolean;\n${body}\n`;
    const core = (body: string) => `import * as l10n from '@vscode/l10n';\nimport { LightError } from '../errors';\ndeclare const label: string, ok: boolean;\n${body}\n`;

    it('refuses a literal at each sink of the adapters', async function () {
      this.timeout(60_000);
      const sinks: Record<string, string> = {
        'a notification': "void vscode.window.showInformationMessage('Signed in to Light.');",
        'a notification made of pieces': "void vscode.window.showErrorMessage('Light stopped: ' + label);",
        "a notification's button": "void vscode.window.showWarningMessage(vscode.l10n.t('Ended.'), 'Sign in again');",
        "a modal's detail": "void vscode.window.showInformationMessage(vscode.l10n.t('Hi'), { modal: true, detail: `Ask Light support for ${label}.` });",
        "an input box's title": "void vscode.window.showInputBox({ title: 'Light OAuth client ID' });",
        "an input box's prompt": "void vscode.window.showInputBox({ prompt: ok ? 'The client ID' : vscode.l10n.t('x') });",
        "an input box's placeholder": "void vscode.window.showInputBox({ placeHolder: 'the whole address' });",
        "an input box's validation": "void vscode.window.showInputBox({ validateInput: (v) => (v.trim() ? undefined : 'Enter the client ID.') });",
        "a quick pick's title": "void vscode.window.showQuickPick([], { title: `Sign out of ${label}?` });",
        "a quick pick item's label": "void vscode.window.showQuickPick([{ label: '$(key) Sign in with an API key' }]);",
        "a quick pick item's description": "void vscode.window.showQuickPick([{ label, description: ok ? 'active' : undefined }]);",
        "a quick pick item's detail": "void vscode.window.showQuickPick([{ label, detail: 'A local simulator' }]);",
        "a created quick pick's placeholder": "const qp = vscode.window.createQuickPick();\nqp.placeholder = 'Vendor or customer name';",
        "a status bar item's text": "item.text = '$(sign-in) Sign in to Light';",
        "a status bar item's tooltip": "item.tooltip = 'Sign in to Light';",
        'a status bar message': "vscode.window.setStatusBarMessage(`Copied the ${label}'s id`, 3000);",
        "a tree item's label": "export const t = new vscode.TreeItem('Load more…');",
        "a tree item's description": "const t = new vscode.TreeItem(label);\nt.description = 'filtered';",
        'a progress title': "void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Signing in to Light' }, async () => undefined);",
        "a progress report's message": "declare const progress: vscode.Progress<{ message?: string }>;\nprogress.report({ message: 'approve the request in your browser…' });",
        'markdown text': "export const md = new vscode.MarkdownString().appendText(`Light: LIGHT_API_URL for ${label}.`);",
        "a tool's confirmation": "export const c = { invocationMessage: vscode.l10n.t('x'), confirmationMessages: { title: 'Read from Light?', message: vscode.l10n.t('y') } };",
        "a tool's result": "export const r = new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart('Cancelled.')]);",
        'an error a person sees': "import { LightError } from '../core/errors';\nthrow new LightError('config', `There is no sign-in way ${label}.`);",
      };
      for (const [sink, body] of Object.entries(sinks)) {
        assert.strictEqual((await lint('src/vscode/anything.ts', adapter(body))).length, 1, `${sink}: ${body}`);
      }
    });

    it("refuses a literal at each sink of the core and the Node-only parts: errors, the kinds' names, the ways' labels, the tools' answers", async function () {
      this.timeout(60_000);
      const sinks: Array<[string, string]> = [
        ['src/core/auth/anything.ts', "throw new LightError('config', 'No OAuth client secret is set.');"],
        ['src/core/explorer/anything.ts', 'throw new LightError(\'http\', ok ? `Light answered ${label}.` : l10n.t(\'x\'));'],
        ['src/core/explorer/anything.ts', "export const kind = { id: 'vendors', title: 'Vendors' };"],
        ['src/core/explorer/anything.ts', "export const kind = { id: 'vendors', get noun() { return 'vendor'; } };"],
        ['src/core/signIn/anything.ts', "export class PasteFlow { readonly label = 'Browser, then paste the address here'; }"],
        ['src/core/tools/anything.ts', "export function errorText(): string { return ok ? 'Cancelled.' : l10n.t('x'); }"],
        ['src/node/anything.ts', "declare function answer(res: unknown, status: number, title: string, message: string): void;\nanswer(undefined, 404, l10n.t('Not found'), 'This address only receives the sign-in from Light.');"],
      ];
      for (const [file, body] of sinks) assert.strictEqual((await lint(file, core(body))).length, 1, `${file}: ${body}`);
    });

    it('accepts l10n.t at every sink, strings without words, text that goes nowhere near a person, and a named allowance', async function () {
      this.timeout(60_000);
      const fine = adapter(
        [
          "void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to Light as {0}.', label), vscode.l10n.t('Sign Out'));",
          "void vscode.window.showInputBox({ title: vscode.l10n.t('Light MCP token ({0})', label), validateInput: (v) => (v ? undefined : vscode.l10n.t('Paste it.')) });",
          "item.text = `$(loading~spin) ${vscode.l10n.t('Signing in to Light…')}`;",
          'item.text = `$(pass) ${label} · ${label}`;',
          "void vscode.window.showQuickPick([{ label: '$(error)', description: 'https://api.light.inc' }]);",
          "void vscode.commands.executeCommand('setContext', 'light.signedIn', true);",
          "export const t = new vscode.TreeItem(vscode.l10n.t('Load more…'));",
          "declare const logger: { info(m: string): void };\nlogger.info('Signed in to Light.');",
          "// eslint-disable-next-line light/user-text -- an example in Light's own filter syntax\nvoid vscode.window.showInputBox({ placeHolder: 'eq ACTIVE' });",
        ].join('\n'),
      );
      assert.deepStrictEqual(await lint('src/vscode/anything.ts', fine), []);
      assert.deepStrictEqual(await lint('src/core/anything.ts', core("throw new LightError('config', l10n.t('Setting \"{0}\" is empty.', label));")), []);
      assert.deepStrictEqual(await lint('src/core/tools/anything.ts', core("export function f(): string { return ok ? l10n.t('Cancelled.') : `${label}: ${label}`; }")), []);
      assert.deepStrictEqual(await lint('src/vscode/testHooks.ts', adapter("void vscode.window.showInformationMessage('A test hook.');")), [], 'the test hooks show nobody anything');
    });

    it('and src/ as it is passes', async function () {
      this.timeout(120_000);
      const results = await eslint.lintFiles(['src']);
      assert.ok(results.length > 40);
      assert.deepStrictEqual(
        results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'light/user-text').map((m) => `${path.relative(ROOT, r.filePath)}:${m.line}`)),
        [],
      );
    });
  });
});
