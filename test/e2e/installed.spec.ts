// The release package as a user gets it: the .vsix that `npm run package` makes, installed with code-server's own
// `--install-extension` (not the working tree, not a link), in a normal-mode workbench against the Light simulator:
//   a. what code-server unpacked is the package and nothing more: the release bundle (no test hooks), the manifest
//      and its strings, media, README, CHANGELOG, LICENSE, the public API's .d.ts; code-server lists the extension;
//      it activates (the status bar says "Sign in to Light") and, on this first start, opens its walkthrough;
//   b. "Sign in to Light" from the command palette: the first-run guide takes the client ID and secret, the browser
//      popup signs in at Light and comes back; the status bar shows the company and the time left;
//   c. another extension (test/fixtures/consumer) asks for the session: VS Code's consent dialog, the user clicks
//      "Allow" and picks the account, and the extension lists every vendor through Light's client.
//
// `npm test` packages the .vsix first and names it in LIGHT_VSIX; alone, the spec packages one itself:
// `npx playwright test -c test/e2e/playwright.config.ts installed.spec.ts` after `tsc -p .`.
// Env: LIGHT_VSIX (the package to install), VERBOSE=1, HEADFUL=1, KEEP_TEST_STATE=1, TEST_SUMMARY_FILE.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { loadInstall } from '../runners/codeServer';
import { Popups } from './pages/popups';
import { WalkthroughPage } from './pages/walkthrough';
import { CLIENT_ID, CLIENT_SECRET, HOST, ROOT, SHOT_DIR, SIGN_IN_COMMAND } from './support/constants';
import type { ConsumerSummary, Vendors } from './support/consumer';
import { failureReport } from './support/failureReport';
import { e2eTest } from './support/fixtures';
import { checkPopupSignIn } from './support/signIn';
import { assert, check, note, until } from './support/wait';

const SHOTS = { failure: path.join(SHOT_DIR, 'e2e-installed-failure.png') };
const VENDORS_COMMAND = 'Light Consumer: List Vendors Through Light';
const MANIFEST = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
const EXTENSION_ID = `${MANIFEST.publisher}.${MANIFEST.name}`;
/** What the installed extension's folder may hold (code-server adds its own .vsixmanifest). */
const PACKAGE_FILES = /^(package\.json|package\.nls(\.[a-z-]+)?\.json|README\.md|CHANGELOG\.md|LICENSE\.txt|\.vsixmanifest|dist\/[\w-]+\.js|media\/[\w./-]+\.(png|svg|md)|l10n\/bundle\.l10n(\.[a-z-]+)?\.json|src\/lightApi\.d\.ts)$/i;

/** The package to install: LIGHT_VSIX, or a fresh one made by `npm run package` into .vscode-test/. */
function vsix(): string {
  if (process.env.LIGHT_VSIX) return path.resolve(process.env.LIGHT_VSIX);
  const out = path.join(ROOT, '.vscode-test', `${MANIFEST.name}-${MANIFEST.version}.vsix`);
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'package.js'), '--out', out], { cwd: ROOT, stdio: 'ignore' });
  return out;
}

/** Every file under `dir`, as paths relative to it with `/`. */
function filesUnder(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]);
}

const test = e2eTest({
  title: 'the installed .vsix',
  budgetMs: 120000,
  tokenTtlSeconds: 60,
  stateDirPrefix: 'light-vscode-vsix-',
  vsix,
  host: (sim, stateDir) => ({
    settings: {
      'light.environment': 'custom',
      'light.apiUrl': sim.url,
      'light.oauth.relayUrl': `${sim.url}/relay`,
    },
    env: { LIGHT_E2E_OUT: path.join(stateDir, 'consumer-summary.json') },
  }),
});

test.describe.serial('the installed .vsix', () => {
  let popups: Popups;
  let outFile: string;
  const summary = (): ConsumerSummary => (fs.existsSync(outFile) ? JSON.parse(fs.readFileSync(outFile, 'utf8')) as ConsumerSummary : {});

  test.beforeAll(({ run }) => {
    outFile = path.join(run.stateDir, 'consumer-summary.json');
    popups = new Popups(run.wb.page.context(), (p) => p === run.wb.page);
  });

  test.afterEach(async ({ run }, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) testInfo.annotations.push({ type: 'failure', description: (await failureReport(run, SHOTS.failure)).join('\n') });
  });

  test(`a. code-server installed the package, only what users need; the extension activates and opens its walkthrough`, async ({ run }) => {
    const { wb, running } = run;
    check(running.extensionAs === 'vsix', `the extension is loaded as ${running.extensionAs}`);
    const dirs = fs.readdirSync(running.server.dirs.extensions).filter((d) => d.startsWith(`${EXTENSION_ID}-`));
    assert(dirs.length === 1, `the extensions folder has ${JSON.stringify(dirs)}`);
    const folder = path.join(running.server.dirs.extensions, dirs[0]);
    check(!fs.lstatSync(folder).isSymbolicLink(), `${folder} is a link, not an installed copy`);
    const files = filesUnder(folder);
    note(`installed in ${dirs[0]}: ${files.join(', ')}`);
    const extra = files.filter((f) => !PACKAGE_FILES.test(f));
    check(!extra.length, `the package has files users do not need: ${JSON.stringify(extra)}`);
    const has = (f: string) => files.some((x) => x.toLowerCase() === f.toLowerCase()); // vsce writes readme.md, changelog.md
    for (const f of ['package.json', 'package.nls.json', 'dist/extension.js', 'README.md', 'CHANGELOG.md', 'LICENSE.txt', 'src/lightApi.d.ts']) check(has(f), `${f} is not in the package`);
    const bundle = fs.readFileSync(path.join(folder, 'dist', 'extension.js'), 'utf8');
    check(!bundle.includes('light.test.'), 'the installed bundle has the test hooks: it is not the release build');
    check(!/\n\/\/# sourceMappingURL/.test(bundle), 'the installed bundle points at a source map');
    const install = loadInstall(HOST);
    const listed = execFileSync(install.node, [install.bin, '--extensions-dir', running.server.dirs.extensions, '--list-extensions', '--show-versions'], { encoding: 'utf8' });
    check(listed.split('\n').includes(`${EXTENSION_ID}@${MANIFEST.version}`), `code-server lists ${JSON.stringify(listed.trim())}`);
    const status = await wb.statusBar.waitForText(SIGN_IN_COMMAND, `the status bar to show "${SIGN_IN_COMMAND}"`, 60000);
    note(`status bar "${status}" ${Date.now() - run.t0} ms after start; bundle ${(bundle.length / 1024).toFixed(1)} KB`);
    // VS Code opens a walkthrough by itself only for an install from the Extensions view; after this one, Light does.
    const walkthrough = new WalkthroughPage(wb.page, `${EXTENSION_ID}#light.gettingStarted`);
    await walkthrough.waitShown('the walkthrough "Get Started with Light" to open', 20000);
    const steps = await walkthrough.steps();
    note(`walkthrough "${await walkthrough.title()}": ${steps.map((s) => `${s.title}${s.done ? ' (done)' : ''}`).join(', ')}`);
    check(steps.length === 5 && steps.every((s) => !s.done), `the walkthrough's steps: ${JSON.stringify(steps)}`);
  });

  test('b. "Sign in to Light": the guide takes the client, the browser popup signs in and comes back', async ({ run }) => {
    const { wb, sim, running } = run;
    const { dialog, quickInput } = wb;
    await wb.palette.run(SIGN_IN_COMMAND);
    await dialog.waitOpen('the "Light needs an OAuth client" dialog', 15000);
    const guide = await dialog.parts();
    check(guide.detail.includes(`${sim.url}/relay`), `the dialog does not name the redirect URI ${sim.url}/relay: ${guide.detail}`);
    await dialog.click('Enter Client ID and Secret');
    await dialog.waitClosed();
    await quickInput.waitForTitle('Light OAuth client (1/2)', 'the client ID input box', 10000);
    await quickInput.type(CLIENT_ID);
    await quickInput.submit();
    await quickInput.waitForTitle('Light OAuth client (2/2)', 'the client secret input box', 10000);
    await quickInput.type(CLIENT_SECRET);
    await quickInput.submit();
    await quickInput.waitClosed('the input box to close');
    await checkPopupSignIn({ wb, sim, serverUrl: running.server.url, popups, pattern: /Northwind Trading · \d+[smh]/ });
    await popups.close();
    await wb.page.bringToFront();
  });

  test(`c. "${VENDORS_COMMAND}": VS Code asks for consent, the user allows, the extension lists every vendor`, async ({ run }) => {
    const { wb, sim } = run;
    const { access_token: token } = sim.control.issueTokens(0);
    const res = await fetch(`${sim.url}/v1/vendors?limit=1`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' } });
    const expected = ((await res.json()) as { total: number }).total;
    await wb.palette.run(VENDORS_COMMAND);
    await wb.dialog.waitOpen('VS Code to ask whether the extension may sign in', 15000);
    await wb.auth.allowAndPickNorthwind(await wb.dialog.parts());
    const result: Vendors = await until(() => {
      const r = summary().vendors;
      return r && r.state === 'done' ? r : undefined;
    }, 'the consumer to report the vendors', 30000);
    note(`the consumer: "${result.account}", client for "${result.company}", ${result.records} vendors (the simulator has ${expected}) in ${result.ms} ms`);
    check(!result.error, String(result.error));
    check(result.company === 'Northwind Trading', `the client is for "${result.company}"`);
    check(result.records === expected && result.distinctVendorIds === expected, `${result.records} records, ${result.distinctVendorIds} distinct, expected ${expected}`);
    check(sim.control.counters().writes === 0, 'the consumer wrote to Light');
  });
});
