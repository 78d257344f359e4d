// `npm test`: every check the project has, in order, ending with one line `total: N passed, N failed`.
//   1. lint                 eslint .
//   2. type-check + compile tsc -p .  (strict; emits the tests and the simulator to out/), then tsc -p src (the
//                           extension alone, without mocha's globals)
//   3. bundle               node esbuild.js  (dist/extension.js, what VS Code loads)
//   4. unit tests           mocha (out/test/unit), spec report + counts
//   5. package              scripts/package.js (npm run package): the release .vsix, .vscode-test/light-vscode-<version>.vsix
// Then, on each real VS Code host of test/runners/hosts.json in turn (code-server 4.100.3 with VS Code 1.100.3, the
// minimum of engines.vscode, then code-server 4.139.1 with VS Code 1.139.1), as steps named after the host:
//   6. integration tests    out/test/runners/integration.js (test/runners/integration.ts): the suite in a real VS Code
//                           host (code-server), all phases
//   7. end-to-end tests     test/e2e/workbench.spec.ts, explorer.spec.ts, tools.spec.ts, installed.spec.ts and
//                           walkthrough.spec.ts (@playwright/test), one
//                           Playwright run (as `npm run test:e2e`), one summary: a normal-mode workbench driven like a
//                           person. workbench.spec.ts: first-run guide, sign-in, another extension's consent and 30 s
//                           of token refreshes, forceNewSession, clearSessionPreference, sign-out. explorer.spec.ts:
//                           the Light view (welcome view, API-key sign-in, groups loaded on expand and "Load more…",
//                           no polling, bills' IBANs masked and shown, Go to Record, a filter). tools.spec.ts: another
//                           extension's vscode.lm.invokeTool outside chat, confirmed by the user in VS Code's dialog
//                           (cancelled: nothing read; confirmed: vendors, a bill with its IBAN masked).
//                           installed.spec.ts: the .vsix of step 5 installed with code-server --install-extension,
//                           signed in through the browser, another extension allowed through VS Code's consent.
//                           walkthrough.spec.ts: "Get Started with Light" opens by itself on the first start, each
//                           step done through its buttons and shown completed, not opened again after a reload; one
//                           Playwright test per step, each spec on its own host
//   8. two-window test      test/e2e/twoWindows.spec.ts: two windows (tabs) on one code-server share the session; both
//                           poll Light for 60 s of 5-second tokens: no invalid_grant, no failed call, no session ended
// Every test step writes the same summary to TEST_SUMMARY_FILE: {passed, failed, skipped} as JSON, with the exit code
// for the host runs (mocha through test/runners/mochaReporter.js, the integration run through integration.ts, the
// Playwright specs through test/e2e/summaryReporter.ts, one step per Playwright test).
// A failing lint, type-check or bundle step counts as one failure in the total and fails the run; a failed bundle
// also skips the integration and end-to-end tests (there is nothing to load). Exit code 0 only if every step passed.
// The closing lines: the counts of each host's steps (`VS Code 1.100.3: N passed, N failed; VS Code 1.139.1: …`), then
// `total: N passed, N failed` over every step.
// Env: SKIP_INTEGRATION=1 (quick local run), SKIP_E2E=1 (no end-to-end tests: neither 7 nor 8), MOCHA_GREP (integration
// tests only), LIGHT_HOSTS=oldest (or newest, or oldest,newest: the hosts to run 6-8 on; default all of hosts.json),
// plus the runners' (see there).
'use strict';

const { spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const node = process.execPath;
const bin = (pkg, rel) => path.join(path.dirname(require.resolve(`${pkg}/package.json`, { paths: [ROOT] })), rel);

/** Runs node with `args` (or `cmd` with them), output inherited; resolves with the exit code. */
function run(args, env = {}, cmd = node) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
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

/** The hosts to run on, oldest first: [{name, codeServer}] from test/runners/hosts.json, LIGHT_HOSTS keeps some. */
function selectedHosts() {
  const pinned = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'runners', 'hosts.json'), 'utf8'));
  const all = Object.entries(pinned).map(([name, codeServer]) => ({ name, codeServer }));
  const wanted = (process.env.LIGHT_HOSTS || '').split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = wanted.filter((n) => !(n in pinned));
  if (unknown.length) throw new Error(`LIGHT_HOSTS: unknown host ${unknown.join(', ')} (test/runners/hosts.json has ${Object.keys(pinned).join(', ')})`);
  return wanted.length ? all.filter((h) => wanted.includes(h.name)) : all;
}

/** The VS Code version of an installed host, from the install file setup-code-server.sh writes (undefined if none). */
function installedVscode(host) {
  try {
    const cfg = JSON.parse(fs.readFileSync(path.join(ROOT, '.vscode-test', 'code-server.json'), 'utf8'));
    const entry = cfg.hosts && cfg.hosts[host.name];
    return entry && entry.version === host.codeServer && fs.existsSync(entry.bin) ? entry.vscode : undefined;
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
  const formatCounts = (c) => `${c.passed} passed, ${c.failed} failed` + (c.skipped ? `, ${c.skipped} skipped` : '');
  const hosts = selectedHosts();
  /** Per host, the counts of its steps (the label is set once its VS Code version is known). */
  const perHost = new Map(hosts.map((h) => [h.name, { label: `code-server ${h.codeServer}`, ran: false, passed: 0, failed: 0, skipped: 0 }]));

  async function step(name, fn) {
    const s0 = Date.now();
    console.log(`\n[test] ==> ${name}`);
    const r = await fn();
    const secs = ((Date.now() - s0) / 1000).toFixed(1);
    const entry = { name, ...r, secs };
    results.push(entry);
    console.log(`[test] <== ${name}: ${r.status}${r.counts ? ` (${r.counts})` : ''} in ${secs} s`);
    return entry;
  }
  const check = (args, env, cmd) => async () => ((await run(args, env, cmd)) === 0 ? { status: 'ok' } : { status: 'FAILED' });
  /** A test step: counts come from the summary file its reporter writes (and go to its host's counts too). */
  const tests = (args, summaryFile, host) => async () => {
    const code = await run(args, { TEST_SUMMARY_FILE: summaryFile, ...(host ? { LIGHT_HOST: host.name } : {}) });
    const s = readSummary(summaryFile) || { passed: 0, failed: 0, skipped: 0 };
    if (code !== 0 && !s.failed) s.failed = 1; // crashed before counting: still a failure
    for (const t of host ? [total, perHost.get(host.name)] : [total]) {
      t.passed += s.passed;
      t.failed += s.failed;
      t.skipped += s.skipped || 0;
      t.ran = true;
    }
    return { status: code === 0 ? 'ok' : 'FAILED', counts: formatCounts({ skipped: 0, ...s }) };
  };

  try {
    await step('lint (eslint .)', check([bin('eslint', 'bin/eslint.js'), '.']));
    // A fresh out/ so tests whose sources were removed do not run from stale output.
    fs.rmSync(path.join(ROOT, 'out'), { recursive: true, force: true });
    await step('type-check and compile (tsc -p .)', check([bin('typescript', 'bin/tsc'), '-p', '.']));
    await step('type-check the extension alone, without test globals (tsc -p src)', check([bin('typescript', 'bin/tsc'), '-p', 'src']));
    const bundle = await step('bundle (node esbuild.js)', check(['esbuild.js']));
    // The release package, which the end-to-end step of each host installs with code-server's --install-extension.
    const vsix = path.join(ROOT, '.vscode-test', `${PKG.name}-${PKG.version}.vsix`);
    const packaged = await step('package (npm run package: the release .vsix)', check(['scripts/package.js', '--out', vsix]));
    if (packaged.status === 'ok') process.env.LIGHT_VSIX = vsix;

    if (hasTests(path.join(ROOT, 'out', 'test', 'unit'))) {
      await step('unit tests (mocha)', tests([bin('mocha', 'bin/mocha.js'), '--reporter', 'test/runners/mochaReporter.js'], path.join(tmp, 'unit.json')));
    } else {
      await step('unit tests (mocha)', async () => ({ status: 'none found' }));
    }

    /** A step in a real VS Code host: skipped when its variable is set, or when there is no bundle to load. */
    const inHost = async (name, skip, args, summary, host) => {
      if (process.env[skip]) return step(name, async () => ({ status: `skipped (${skip})` }));
      if (bundle.status !== 'ok') return step(name, async () => ({ status: 'skipped (no bundle)' }));
      return step(name, tests(args, path.join(tmp, `${host.name}-${summary}`), host));
    };
    const playwright = (...specs) => [bin('@playwright/test', 'cli.js'), 'test', '-c', 'test/e2e/playwright.config.ts', ...specs];
    const hostSteps = !(process.env.SKIP_INTEGRATION && process.env.SKIP_E2E) && bundle.status === 'ok';
    for (const host of hosts) {
      // A host that is not installed yet (a clone where .ci/run did not run the setup) is installed first, as a step
      // of its own; if that fails, the host's steps are not run, and the failed install counts as one failure.
      if (hostSteps && !installedVscode(host)) {
        const installed = await step(`install host ${host.name}: code-server ${host.codeServer} (test/runners/setup-code-server.sh)`,
          check(['test/runners/setup-code-server.sh'], { LIGHT_HOSTS: host.name }, 'bash'));
        if (installed.status !== 'ok') {
          installed.counts = '0 passed, 1 failed';
          for (const t of [total, perHost.get(host.name)]) Object.assign(t, { failed: t.failed + 1, ran: true });
          for (const what of ['integration tests', 'end-to-end tests', 'two-window test']) {
            await step(`${what} (code-server ${host.codeServer})`, async () => ({ status: 'not run (host not installed)' }));
          }
          continue;
        }
      }
      const vscode = installedVscode(host);
      const label = `code-server ${host.codeServer}, VS Code ${vscode || '?'}`;
      perHost.get(host.name).label = vscode ? `VS Code ${vscode}` : `code-server ${host.codeServer}`;
      await inHost(`integration tests (${label})`, 'SKIP_INTEGRATION', ['out/test/runners/integration.js'], 'integration.json', host);
      await inHost(`end-to-end tests: workbench, explorer, tools, the installed .vsix and the walkthrough, driven by playwright (${label})`, 'SKIP_E2E',
        playwright('workbench.spec.ts', 'explorer.spec.ts', 'tools.spec.ts', 'installed.spec.ts', 'walkthrough.spec.ts'), 'e2e.json', host);
      await inHost(`two-window test: two workbench tabs, one secret store (${label})`, 'SKIP_E2E', playwright('twoWindows.spec.ts'),
        'e2e-windows.json', host);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  // Failed checks that are not tests (lint, tsc, bundle) count as one failure each.
  for (const r of results) if (r.status === 'FAILED' && !r.counts) total.failed += 1;
  console.log(`\n[test] summary (${((Date.now() - t0) / 1000).toFixed(1)} s):`);
  for (const r of results) console.log(`[test]   ${r.status === 'FAILED' ? '✗' : '✓'} ${r.name}: ${r.status}${r.counts ? ` (${r.counts})` : ''}, ${r.secs} s`);
  const failedSteps = results.filter((r) => r.status === 'FAILED');
  const ran = [...perHost.values()].filter((h) => h.ran);
  if (ran.length) console.log(ran.map((h) => `${h.label}: ${formatCounts(h)}`).join('; '));
  if (total.skipped) console.log(`skipped: ${total.skipped} (they say why in the report above)`);
  // The closing line is exactly `total: N passed, N failed`, what CI reads.
  console.log(`total: ${total.passed} passed, ${total.failed} failed`);
  process.exit(failedSteps.length || total.failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`[test] ${e.stack || e.message}`);
  console.log('total: 0 passed, 1 failed');
  process.exit(1);
});
