// The mocha entry the VS Code extension host loads (extensionTestsPath): runs every out/test/integration/**/*.test.js.
// Under code-server the extension host's console goes to the browser, so when EXT_TEST_OUTPUT is set (by
// test/runners/codeServer.ts) the report goes to that file instead. VS Code makes the host's console methods
// read-only, so tests print through `log()` from helpers.ts, which writes to the same place.
// Env: MOCHA_GREP (only matching tests), LIGHT_TEST_PHASE / LIGHT_TEST_PHASES (see helpers.ts).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';
import { phase, phaseCount } from './helpers';

/** Every *.test.js below `dir`, in a stable order. */
function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Appends mocha's report to `file`; returns the function that undoes it. */
function reportTo(file: string): () => void {
  const fd = fs.openSync(file, 'a');
  const Base = Mocha.reporters.Base;
  const saved = Base.consoleLog;
  Base.consoleLog = (...args: unknown[]) => fs.writeSync(fd, util.format(...args) + '\n');
  return () => {
    Base.consoleLog = saved;
    fs.closeSync(fd);
  };
}

export async function run(): Promise<void> {
  const output = process.env.EXT_TEST_OUTPUT;
  const restore = output ? reportTo(output) : () => undefined;
  const report = (line: string) => Mocha.reporters.Base.consoleLog(line);
  try {
    const mocha = new Mocha({ ui: 'bdd', color: false, reporter: 'spec', timeout: 30000, grep: process.env.MOCHA_GREP || undefined });
    const files = findTestFiles(__dirname);
    files.forEach((f) => mocha.addFile(f));
    report(`Light integration tests, phase ${phase()}/${phaseCount()}: ${files.length} file(s)` +
      (process.env.MOCHA_GREP ? `, grep ${JSON.stringify(process.env.MOCHA_GREP)}` : ''));
    await mocha.loadFilesAsync();
    const stats = await new Promise<Mocha.Stats>((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats ?? { passes: 0, failures: 1, pending: 0 } as Mocha.Stats));
    });
    // The plain summary line CI log scanners and test/runners/codeServer.ts read.
    report(`${stats.passes} passed, ${stats.failures} failed` + (stats.pending ? `, ${stats.pending} skipped` : ''));
    if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
  } finally {
    restore();
  }
}
