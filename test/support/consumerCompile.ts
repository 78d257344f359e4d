// Compiles `source` the way another extension would: strict, beside a copy of src/lightApi.d.ts, against
// @types/vscode. Returns the compiler's complaints (none for code a consumer can copy as it is).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '../../..');

export function compileAsConsumer(source: string): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'light-consumer-'));
  try {
    fs.copyFileSync(path.join(ROOT, 'src', 'lightApi.d.ts'), path.join(dir, 'lightApi.d.ts'));
    fs.writeFileSync(path.join(dir, 'consumer.ts'), source);
    const program = ts.createProgram([path.join(dir, 'consumer.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
      types: ['vscode'],
      typeRoots: [path.join(ROOT, 'node_modules', '@types')],
      skipLibCheck: true,
    });
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
