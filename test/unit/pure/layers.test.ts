import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { ESLint } from 'eslint';

const ROOT = path.resolve(__dirname, '../../../..');
const SRC = path.join(ROOT, 'src');

/** The folder a source file belongs to, as the layers are drawn: src/core/<part>, src/node, src/vscode. */
function folderOf(file: string): string {
  const parts = path.relative(ROOT, file).split(path.sep);
  if (parts[1] === 'core' && parts.length > 3) return parts.slice(0, 3).join('/');
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts.join('/').replace(/(\.d)?\.ts$/, '');
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
}

/** folder → the folders its files import from (relative imports, and `vscode`). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(SRC)) {
    const from = folderOf(file);
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+|vscode)['"]/g)) {
      const to = m[1] === 'vscode' ? 'vscode' : folderOf(path.resolve(path.dirname(file), m[1]) + '.ts');
      if (to !== from) graph.set(from, (graph.get(from) ?? new Set()).add(to));
    }
  }
  return graph;
}

describe('the layers', () => {
  it('has no folder cycles, and the core and the Node-only parts never reach VS Code or its adapters', () => {
    const graph = folderGraph();
    const reach = (from: string, seen = new Set<string>()): Set<string> => {
      for (const to of graph.get(from) ?? []) if (!seen.has(to)) reach(to, seen.add(to));
      return seen;
    };
    for (const folder of graph.keys()) assert.ok(!reach(folder).has(folder), `${folder} imports itself through ${[...reach(folder)].join(', ')}`);
    for (const folder of graph.keys()) {
      if (!folder.startsWith('src/core') && folder !== 'src/node') continue;
      const reached = [...reach(folder)];
      assert.deepStrictEqual(reached.filter((f) => f === 'vscode' || f === 'src/vscode' || f === 'src/extension'), [], `${folder} reaches ${reached.join(', ')}`);
      if (folder.startsWith('src/core')) assert.ok(!reached.includes('src/node'), `${folder} depends on the Node-only parts`);
    }
    assert.ok(graph.get('src/vscode')?.has('vscode'), 'the adapters are where VS Code is used');
  });

  it('lint refuses a vscode import in a core or Node-only file, and an adapter import in the core', async function () {
    this.timeout(60_000);
    const eslint = new ESLint({ cwd: ROOT });
    const lint = async (file: string, text: string) =>
      (await eslint.lintText(text, { filePath: path.join(ROOT, file) }))[0].messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
    const useVscode = "import * as vscode from 'vscode';\nexport const x = vscode;\n";
    assert.match((await lint('src/core/auth/anything.ts', useVscode)).join(' '), /plain Node/);
    assert.match((await lint('src/node/anything.ts', useVscode)).join(' '), /plain Node/);
    assert.match((await lint('src/core/anything.ts', "import { registerCommands } from '../vscode/commands';\nexport const x = registerCommands;\n")).join(' '), /adapters/);
    assert.match((await lint('src/core/auth/anything.ts', "import { FileWindowCoordinator } from '../../node/windowCoordinator';\nexport const x = FileWindowCoordinator;\n")).join(' '), /Node-only/);
    assert.deepStrictEqual(await lint('src/vscode/anything.ts', useVscode), [], 'an adapter may use VS Code');
  });

  it('lint refuses reading the time or waiting anywhere in src/ but through the Clock', async function () {
    this.timeout(60_000);
    const eslint = new ESLint({ cwd: ROOT });
    const lint = async (file: string, text: string) => (await eslint.lintText(text, { filePath: path.join(ROOT, file) }))[0].messages.map((m) => m.message);
    for (const file of ['src/core/auth/anything.ts', 'src/node/anything.ts', 'src/vscode/anything.ts']) {
      for (const text of ['export const t = Date.now();\n', 'export const t = setTimeout(() => undefined, 1);\n', 'export const t = new Date();\n', 'setInterval(() => undefined, 1);\n']) {
        assert.match((await lint(file, text)).join(' '), /Clock/, `${file}: ${text}`);
      }
    }
    assert.deepStrictEqual(await lint('src/vscode/anything.ts', 'export const t = (ms: number) => new Date(ms).toISOString();\n'), [], 'a date made from a time is not a clock reading');
  });
});
