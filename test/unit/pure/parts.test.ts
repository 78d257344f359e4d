// The bundle's parts (esbuild.js PARTS, src/core/firstUse.ts): what activation loads leaves them out, each part is
// in one file, and the state that must be one for the whole extension is one although every part has its own copies.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../../..');

interface Meta { outputs: Record<string, { inputs: Record<string, unknown>; entryPoint?: string }> }

/** A fresh copy of a compiled module of out/src (its own module state, as in another part of the bundle). */
function freshCopy<T>(relative: string): T {
  const file = require.resolve(path.join(ROOT, 'out', 'src', relative));
  const cached = require.cache[file];
  delete require.cache[file];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(file) as T;
  } finally {
    if (cached) require.cache[file] = cached;
  }
}

describe('the parts of the bundle', function () {
  this.timeout(60000);
  let dir: string;
  let meta: Meta;
  const output = (name: string) => meta.outputs[Object.keys(meta.outputs).find((k) => path.basename(k) === `${name}.js`) as string];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'light-parts-'));
    execFileSync(process.execPath, [path.join(ROOT, 'esbuild.js'), '--production', '--metafile', '--outdir', dir], { cwd: ROOT });
    meta = JSON.parse(fs.readFileSync(path.join(dir, 'meta.json'), 'utf8')) as Meta;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('activation loads none of them: the sign-in ways, the explorer, the tools, the HTTP clients, node-fetch', () => {
    const inputs = Object.keys(output('extension').inputs);
    const inParts = ['src/vscode/accounts.ts', 'src/core/signIn/oauthSignIn.ts', 'src/core/signIn/pasteFlow.ts', 'src/vscode/clientSetup.ts',
      'src/vscode/explorer/explorer.ts', 'src/vscode/explorer/tree.ts', 'src/core/explorer/catalog.ts', 'src/vscode/tools.ts',
      'src/core/tools/lightTools.ts', 'src/core/auth/tokenClient.ts', 'src/core/api/lightClient.ts', 'node_modules/node-fetch/lib/index.js'];
    assert.deepStrictEqual(inParts.filter((i) => inputs.includes(i)), [], 'in dist/extension.js');
    for (const must of ['src/core/auth/sessionManager.ts', 'src/vscode/provider.ts', 'src/vscode/explorer/explorerShell.ts', 'src/vscode/toolsShell.ts', 'src/vscode/accountsShell.ts']) {
      assert.ok(inputs.includes(must), `${must} is in dist/extension.js`);
    }
  });

  it('requires parts only as files beside it, each of which the build wrote', () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.js'));
    for (const f of files) {
      const required = [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/require\("(\.[^"]+)"\)/g)].map((m) => m[1]);
      for (const r of required) assert.ok(/^\.\/\w+\.js$/.test(r) && files.includes(r.slice(2)), `${f} requires ${r}`);
    }
    assert.ok(files.length >= 6, `the build wrote ${files.join(', ')}`);
  });

  it('puts every module in one part only, so that no part carries another part', () => {
    const parts = Object.values(meta.outputs).filter((o) => o.entryPoint);
    const entries = new Set(parts.map((o) => o.entryPoint as string));
    for (const o of parts) {
      const carried = Object.keys(o.inputs).filter((i) => entries.has(i) && i !== o.entryPoint);
      assert.deepStrictEqual(carried, [], `${o.entryPoint} carries other parts`);
    }
  });

  it('a LightError made by one copy of the module is a LightError for another', () => {
    type Errors = typeof import('../../../src/core/errors');
    const a = freshCopy<Errors>('core/errors');
    const b = freshCopy<Errors>('core/errors');
    assert.notStrictEqual(a.LightError, b.LightError);
    const e = new a.LightError('unauthorized', 'Light refused the credentials.');
    assert.ok(e instanceof b.LightError);
    assert.strictEqual(b.toLightError(e), e, 'kept as it is, not turned into a bug');
    assert.ok(!(new Error('x') instanceof b.LightError));
    assert.ok(!(Object.assign(new Error('x'), { kind: 'http' }) instanceof b.LightError), 'a look-alike is not one');
  });

  it('a secret registered in one part is redacted in another, once linked', () => {
    type Log = typeof import('../../../src/core/log');
    const main = freshCopy<Log>('core/log');
    const part = freshCopy<Log>('core/log');
    main.registerSecret('s3cr3t-from-the-store');
    assert.ok(part.redact('x s3cr3t-from-the-store y').includes('s3cr3t'), 'unlinked, the part does not know it');
    part.useKnownSecrets(main.knownSecrets());
    part.registerSecret('another-one-from-the-part');
    assert.ok(!part.redact('x s3cr3t-from-the-store y').includes('s3cr3t'));
    assert.ok(!main.redact('x another-one-from-the-part y').includes('another-one'));
  });
});
