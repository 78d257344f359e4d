// `npm test`: every check the project has, in order, ending with one line `total: N passed, N failed`.
//   1. lint                 eslint .
//   2. type-check + compile tsc -p .  (strict; emits the tests and the simulator to out/), then tsc -p src (the
//                           extension alone, without mocha's globals)
//   3. bundle               node esbuild.js  (dist/extension.js, what VS Code loads)
//   4. unit tests           mocha (out/test/unit), spec report + counts
//   5. integration tests    out/test/runners/integration.js (test/runners/integration.ts): the suite in a real VS Code
//                           host (code-server), all phases
//   6. end-to-end tests     test/e2e/workbench.spec.ts and explorer.spec.ts (@playwright/test), one Playwright run
//                           (as `npm run test:e2e`), one summary: a normal-mode workbench driven like a person.
//                           workbench.spec.ts: first-run guide, sign-in, another extension's consent and 30 s of token
//                           refreshes, forceNewSession, clearSessionPreference, sign-out. explorer.spec.ts: the Light
//                           view (welcome view, API-key sign-in, groups loaded on expand and "Load more…", no
//                           polling, bills' IBANs masked and shown, Go to Record, a filter); one Playwright test per
//                           step, each spec on its own host
//   7. two-window test      test/e2e/twoWindows.spec.ts: two windows (tabs) on one code-server share the session; both
//                           poll Light for 60 s of 5-second tokens: no invalid_grant, no failed call, no session ended
// Every test step writes the same summary to TEST_SUMMARY_FILE: {passed, failed, skipped} as JSON, with the exit code
// for the host runs (mocha through test/runners/mochaReporter.js, the integration run through integration.ts, the
// Playwright specs through test/e2e/summaryReporter.ts, one step per Playwright test).
// A failing lint, type-check or bundle step counts as one failure in the total and fails the run; a failed bundle
// also skips the integration and end-to-end tests (there is nothing to load). Exit code 0 only if every step passed.
// Env: SKIP_INTEGRATION=1 (quick local run), SKIP_E2E=1 (no end-to-end tests: neither 6 nor 7), MOCHA_GREP (integration tests only),
// plus the runners' (see there).
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const node = process.execPath;
const bin = (pkg, rel) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [ROOT] })), rel);

function run(args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(node, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (e) => {
      console.error(`[test] ${e.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function readSummary(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function hasTests(dir) {
  return fs.existsSync(dir) && fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).some((f) => f.endsWith('.test.js'));
}

async function main() {
  const t0 = Date.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'light-vscode-test-'));
  const results = [];
  const total = { passed: 0, failed: 0, skipped: 0 };

  async function step(name, fn) {
    const s0 = Date.now();
    console.log(`\n[test] ==> ${name}`);
    const r = await fn();
    const secs = ((Date.now() - s0) / 1000).toFixed(1);
    results.push({ name, ...r, secs });
    console.log(`[test] <== ${name}: ${r.status}${r.counts ? ` (${r.counts})` : ''} in ${secs} s`);
    return r;
  }
  const check = (args) => async () => ((await run(args)) === 0 ? { status: 'ok' } : { status: 'FAILED' });
  /** A test step: counts come from the summary file its reporter writes. */
  const tests = (args, summaryFile) => async () => {
    const code = await run(args, { TEST_SUMMARY_FILE: summaryFile });
    const s = readSummary(summaryFile) || { passed: 0, failed: 0, skipped: 0 };
    if (code !== 0 && !s.failed) s.failed = 1; // crashed before counting: still a failure
    total.passed += s.passed;
    total.failed += s.failed;
    total.skipped += s.skipped || 0;
    return { status: code === 0 ? 'ok' : 'FAILED', counts: `${s.passed} passed, ${s.failed} failed` + (s.skipped ? `, ${s.skipped} skipped` : '') };
  };

  try {
    await step('lint (eslint .)', check([bin('eslint', 'bin/eslint.js'), '.']));
    // A fresh out/ so tests whose sources were removed do not run from stale output.
    fs.rmSync(path.join(ROOT, 'out'), { recursive: true, force: true });
    await step('type-check and compile (tsc -p .)', check([bin('typescript', 'bin/tsc'), '-p', '.']));
    await step('type-check the extension alone, without test globals (tsc -p src)', check([bin('typescript', 'bin/tsc'), '-p', 'src']));
    const bundle = await step('bundle (node esbuild.js)', check(['esbuild.js']));

    if (hasTests(path.join(ROOT, 'out', 'test', 'unit'))) {
      await step('unit tests (mocha)', tests([bin('mocha', 'bin/mocha.js'), '--reporter', 'test/runners/mochaReporter.js'], path.join(tmp, 'unit.json')));
    } else {
      await step('unit tests (mocha)', async () => ({ status: 'none found' }));
    }

    /** A step in a real VS Code host: skipped when its variable is set, or when there is no bundle to load. */
    const inHost = async (name, skip, args, summary) => {
      if (process.env[skip]) return step(name, async () => ({ status: `skipped (${skip})` }));
      if (bundle.status !== 'ok') return step(name, async () => ({ status: 'skipped (no bundle)' }));
      return step(name, tests(args, path.join(tmp, summary)));
    };
    const playwright = (...specs) => [bin('@playwright/test', 'cli.js'), 'test', '-c', 'test/e2e/playwright.config.ts', ...specs];
    await inHost('integration tests (code-server)', 'SKIP_INTEGRATION', ['out/test/runners/integration.js'], 'integration.json');
    await inHost('end-to-end tests (workbench and explorer, driven by playwright)', 'SKIP_E2E', playwright('workbench.spec.ts', 'explorer.spec.ts'), 'e2e.json');
    await inHost('two-window test (two workbench tabs, one secret store)', 'SKIP_E2E', playwright('twoWindows.spec.ts'), 'e2e-windows.json');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  // Failed checks that are not tests (lint, tsc, bundle) count as one failure each.
  for (const r of results) if (r.status === 'FAILED' && !r.counts) total.failed += 1;
  console.log(`\n[test] summary (${((Date.now() - t0) / 1000).toFixed(1)} s):`);
  for (const r of results) console.log(`[test]   ${r.status === 'FAILED' ? '✗' : '✓'} ${r.name}: ${r.status}${r.counts ? ` (${r.counts})` : ''}, ${r.secs} s`);
  const failedSteps = results.filter((r) => r.status === 'FAILED');
  console.log(`total: ${total.passed} passed, ${total.failed} failed` + (total.skipped ? `, ${total.skipped} skipped` : ''));
  process.exit(failedSteps.length || total.failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`[test] ${e.stack || e.message}`);
  console.log('total: 0 passed, 1 failed');
  process.exit(1);
});
