// `npm run test:integration`: the integration suite (out/test/integration) in a real VS Code host (code-server +
// chromium, see codeServer.ts), compiled to out/test/runners/integration.js; exits with the suite's code. Env:
//   LIGHT_HOST          which host (test/runners/hosts.json): oldest (default; code-server 4.100.3, VS Code 1.100.3)
//                       or newest (code-server 4.139.1, VS Code 1.139.1); the summary names the one it ran on
//   LIGHT_TEST_PHASES   number of phases (default 2). Phase k restarts code-server and chromium on the SAME
//                       code-server user-data-dir, chromium profile and origin, so what phase k-1 stored
//                       (settings, SecretStorage) is there again; each phase sees LIGHT_TEST_PHASE=k, and
//                       LIGHT_TEST_STATE_DIR, a directory kept for the whole run (for notes from phase to phase).
//   MOCHA_GREP          only tests whose full title matches
//   VERBOSE=1           print code-server's log and the workbench console
//   SCREENSHOT=path     save a screenshot of the workbench at the end of the last phase
//   LIGHT_TEST_SETTINGS JSON object of user settings seeded before phase 1
//   EXT_TEST_TIMEOUT_MS time limit of one phase (default 300000)
//   TEST_SUMMARY_FILE   also write {passed, failed, skipped, code} there as JSON (read by scripts/test.js)
//   KEEP_TEST_STATE=1   keep the host's temp directory (printed) for a look afterwards
import * as fs from 'fs';
import * as path from 'path';
import { formatSummary, hostName, runIntegrationTests, type IntegrationResult, type Settings } from './codeServer';

async function main(): Promise<never> {
  const t0 = Date.now();
  const stop = () => process.exit(130);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let result: IntegrationResult;
  try {
    result = await runIntegrationTests({
      hostName: hostName(),
      phases: Number(process.env.LIGHT_TEST_PHASES || 2),
      grep: process.env.MOCHA_GREP || undefined,
      verbose: !!process.env.VERBOSE,
      screenshot: process.env.SCREENSHOT ? path.resolve(process.env.SCREENSHOT) : undefined,
      settings: process.env.LIGHT_TEST_SETTINGS ? (JSON.parse(process.env.LIGHT_TEST_SETTINGS) as Settings) : undefined,
      timeoutMs: Number(process.env.EXT_TEST_TIMEOUT_MS || 300000),
      keepState: !!process.env.KEEP_TEST_STATE,
    });
  } catch (e) {
    console.error(`[integration] ${(e as Error).message}`);
    result = { code: 2, passed: 0, failed: 1, skipped: 0, phases: [] };
  }
  if (process.env.TEST_SUMMARY_FILE) fs.writeFileSync(process.env.TEST_SUMMARY_FILE, JSON.stringify(result) + '\n');
  const on = result.host ? ` on ${result.host.name} (code-server ${result.host.codeServer}, VS Code ${result.host.vscode}, Node ${result.host.node})` : '';
  console.log(`[integration] ${result.phases.length} phase(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s${on}`);
  console.log(formatSummary(result));
  process.exit(result.code);
}

void main();
