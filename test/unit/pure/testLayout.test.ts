import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../../..');
const TEST = path.join(ROOT, 'test');

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(dir, f));
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');
const importsOf = (file: string) => [...fs.readFileSync(file, 'utf8').matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

/** Where the tests live (see test/unit/README.md): pure and contract unit tests apart, the simulator's beside it. */
describe('the tests themselves', () => {
  it('every unit test is a pure or a contract test, and every simulator test is in test/simulator/tests', () => {
    const misplaced = testFiles(path.join(TEST, 'unit')).map(rel).filter((f) => !/^test\/unit\/(pure|contract)\/[^/]+\.test\.ts$/.test(f));
    assert.deepStrictEqual(misplaced, []);
    const simulator = testFiles(path.join(TEST, 'simulator')).map(rel);
    assert.ok(simulator.length > 0);
    assert.deepStrictEqual(simulator.filter((f) => !f.startsWith('test/simulator/tests/')), []);
  });

  it('mocha runs every one of them', () => {
    const spec = (JSON.parse(fs.readFileSync(path.join(ROOT, '.mocharc.json'), 'utf8')) as { spec: string[] }).spec;
    const folders = spec.map((glob) => glob.replace(/^out\//, '').replace(/\*\*\/\*\.test\.js$/, ''));
    for (const f of [...testFiles(path.join(TEST, 'unit')), ...testFiles(path.join(TEST, 'simulator'))].map(rel)) {
      assert.ok(folders.some((dir) => f.startsWith(dir)), `${f} is outside the spec of .mocharc.json (${spec.join(', ')})`);
    }
  });

  it('no test file imports another test file: shared builders live in test/support', () => {
    for (const dir of ['unit', 'simulator', 'integration', 'support']) {
      for (const file of fs.readdirSync(path.join(TEST, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
        const full = path.join(TEST, dir, file);
        assert.deepStrictEqual(importsOf(full).filter((m) => /\.test(\.js)?$/.test(m)), [], `${rel(full)} imports a test file`);
      }
    }
  });

  it('a pure test needs no server: it imports neither the simulator nor Node\'s http or net', () => {
    for (const file of testFiles(path.join(TEST, 'unit', 'pure'))) {
      const servers = importsOf(file).filter((m) => /(^|\/)simulator(\/|$)|^(node:)?(http|https|net)$|^node-fetch$/.test(m));
      assert.deepStrictEqual(servers, [], `${rel(file)} is a contract test (move it to test/unit/contract)`);
    }
  });
});
