// The end-to-end report: one line per step (✓ or ✗ and its time, or "not run"), the notes the step left under it,
// its errors and failure report; at the end the time in all and the host it ran on, `N passed, N failed[, N skipped]`,
// and, when TEST_SUMMARY_FILE is set, {passed, failed, skipped, code} there as JSON: the summary every test step of
// `npm test` (scripts/test.js) writes. Each Playwright test is one step.
import * as fs from 'fs';
import * as path from 'path';
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult } from '@playwright/test/reporter';
import { findInstall, formatSummary, hostLabel, hostName, type Summary } from '../runners/codeServer';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
/** What expect adds to the message of a boolean check (see support/wait.ts): the message says it all. */
const BOOLEAN_CHECK = /\n+expect\(received\)\.toBe\(expected\) \/\/ Object\.is equality\n+Expected: true\nReceived: false\s*$/;

const indent = (text: string, by: string) => text.split('\n').map((l) => `${by}${l}`).join('\n');

export default class SummaryReporter implements Reporter {
  private t0 = Date.now();
  private root: Suite | undefined;
  /** The first step that failed in each spec file, by its letter ("d."): the steps it skipped say so. */
  private broken = new Map<string, string>();
  private errors: TestError[] = [];

  printsToStdio(): boolean {
    return true;
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.t0 = Date.now();
    this.root = suite;
  }

  onStdOut(chunk: string | Buffer): void {
    process.stdout.write(chunk);
  }

  onStdErr(chunk: string | Buffer): void {
    process.stderr.write(chunk);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const say = (s: string) => process.stdout.write(`${s}\n`);
    if (result.status === 'skipped') {
      const broken = this.broken.get(test.location.file);
      say(`    - ${test.title} (not run${broken ? `: ${broken} failed` : ''})`);
      return;
    }
    const ok = result.status === 'passed';
    say(`    ${ok ? '✓' : '✗'} ${test.title} (${result.duration} ms)`);
    for (const a of result.annotations) if (a.type === 'note' && a.description) say(indent(a.description, '        '));
    if (ok) return;
    if (!this.broken.has(test.location.file)) this.broken.set(test.location.file, test.title.split(' ')[0]);
    if (result.status === 'timedOut') say(`        timed out after ${result.duration} ms`);
    for (const e of result.errors) say(indent(this.describe(e), '        '));
    for (const a of result.annotations) if (a.type === 'failure' && a.description) say(indent(a.description, '    '));
    for (const a of result.attachments) {
      if (a.path && (a.name === 'trace' || a.name === 'screenshot')) say(`    ${a.name}: ${path.relative(process.cwd(), a.path)}`);
    }
  }

  onError(error: TestError): void {
    this.errors.push(error);
    process.stdout.write(`[e2e] ${this.describe(error)}\n`);
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult['status'] } | undefined> {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const test of this.root?.allTests() || []) {
      const last = test.results[test.results.length - 1];
      if (!last || last.status === 'skipped') counts.skipped++;
      else if (last.status === 'passed') counts.passed++;
      else counts.failed++;
    }
    // A run that failed without a failing step (it could not start, a fixture failed to stop) still counts one.
    if (result.status !== 'passed' && counts.failed === 0) counts.failed = 1;
    const code = result.status === 'passed' && !counts.failed ? 0 : result.status === 'interrupted' ? 130 : 1;
    process.stdout.write(`[e2e] ${((Date.now() - this.t0) / 1000).toFixed(1)} s in all on host ${this.host()}\n`);
    const file = process.env.TEST_SUMMARY_FILE;
    if (file) {
      const summary: Summary = { ...counts, code };
      fs.writeFileSync(file, JSON.stringify(summary) + '\n');
    }
    process.stdout.write(`${formatSummary(counts)}\n`);
    return code === 0 ? undefined : { status: result.status === 'passed' ? 'failed' : result.status };
  }

  /** The host the specs ran on (LIGHT_HOST), as the install file names it. */
  private host(): string {
    try {
      const install = findInstall();
      return install ? `${install.name} (${hostLabel(install)}, Node ${install.nodeVersion})` : `${hostName()} (not installed)`;
    } catch (e) {
      return `? (${(e as Error).message})`;
    }
  }

  /** An error's message, without colours or the boilerplate of a boolean check, and where in the spec it came from
   *  (the first frame in a spec, not in the helper that checked). */
  private describe(e: TestError): string {
    const message = (e.message || e.value || 'unknown error').replace(ANSI, '').replace(BOOLEAN_CHECK, '').trim();
    const frame = /\(?([^\s()]+\.spec\.ts):(\d+):\d+\)?/.exec(e.stack || '');
    const where = frame ? `${frame[1]}:${frame[2]}` : e.location ? `${e.location.file}:${e.location.line}` : undefined;
    return where ? `${message} (${path.relative(process.cwd(), where)})` : message;
  }
}
