// The run around the steps of one end-to-end spec, as Playwright fixtures: a worker-scoped `run` that starts the
// Light simulator and a normal-mode host (code-server + Debian's chromium) with the consumer installed, and stops
// them after the last step; and an automatic per-step fixture that keeps every step inside the budget of the run.
import { test as base } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { installVsix, startHost, type Env, type HostWithBrowser, type Settings } from '../../runners/codeServer';
import { startSimulator, type Simulator } from '../../simulator';
import { Workbench } from '../pages/workbench';
import { HOST, ROOT, SIM_HOST } from './constants';
import { installConsumer } from './consumer';
import { note } from './wait';

export interface E2eSetup {
  /** printed before the steps, with what runs where */
  title: string;
  /** more to print after it */
  more?: string;
  /** the whole run, startup and shutdown included */
  budgetMs: number;
  /** the simulator's access-token lifetime */
  tokenTtlSeconds: number;
  /** of the host's temp dir */
  stateDirPrefix: string;
  /** the .vsix to install with the host's `--install-extension` instead of loading the working tree */
  vsix?: () => string;
  /** the user settings and the environment of the host */
  host(sim: Simulator, stateDir: string): { settings: Settings; env: Env };
}

/** What the steps of a spec share. */
export interface E2eRun {
  /** when the run began */
  t0: number;
  sim: Simulator;
  running: HostWithBrowser;
  stateDir: string;
  /** the first window */
  wb: Workbench;
  /** more windows a spec opens (closed with the run) */
  windows: Workbench[];
  /** when the budget is spent (ms since the epoch) */
  budgetEnd: number;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A step's own time limit, when it is not the config's (`test(title, timeout(ms), fn)`); the budget of the run
 *  may cut it shorter. */
export function timeout(ms: number): { annotation: { type: string; description: string } } {
  return { annotation: { type: 'timeout', description: String(ms) } };
}

/** A `test` for one spec: its steps get `run` (see E2eRun). */
export function e2eTest(setup: E2eSetup) {
  return base.extend<{ budget: void }, { run: E2eRun }>({
    run: [
      async ({ launchOptions, headless }, use) => {
        const t0 = Date.now();
        if (!fs.existsSync(path.join(ROOT, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `node esbuild.js` first');
        const sim = await startSimulator({ host: SIM_HOST, autoApprove: true, accessTokenTtlSeconds: setup.tokenTtlSeconds, controlEndpoint: true });
        const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), setup.stateDirPrefix));
        let running: HostWithBrowser | undefined;
        const windows: Workbench[] = [];
        try {
          const { settings, env } = setup.host(sim, stateDir);
          const extensionsDir = installConsumer(stateDir); // an installed extension, as a user has others
          const vsix = setup.vsix?.();
          if (vsix) say(`    [${path.relative(ROOT, vsix)} installed: ${path.basename(installVsix(vsix, extensionsDir, HOST).folder)}]`);
          const h0 = Date.now();
          running = await startHost({
            stateDir,
            hostName: HOST,
            settings,
            env,
            extensionDevelopmentPath: ROOT, // normal mode: no extensionTestsPath, so VS Code shows its dialogs
            preinstalled: !!vsix,
            headless,
            launchOptions,
            verbose: !!process.env.VERBOSE,
          });
          say(`\n  ${setup.title} (host ${HOST}: ${running.server.label}, Node ${running.server.install.nodeVersion}, on ${running.server.url}, ` +
            `extension ${{ installed: 'installed in the host', vsix: 'installed from the .vsix', development: 'as extensionDevelopmentPath' }[running.extensionAs]}; ` +
            `Light simulator on ${sim.url}, ${setup.tokenTtlSeconds}-second access tokens${setup.more ? `, ${setup.more}` : ''})`);
          if (path.resolve(running.server.dirs.extensions) !== path.resolve(extensionsDir)) {
            throw new Error(`code-server uses ${running.server.dirs.extensions} for extensions, not ${extensionsDir}`);
          }
          say(`    [host up in ${Date.now() - h0} ms]`);
          const wb = new Workbench(running.page, t0);
          windows.push(wb);
          await use({ t0, sim, running, stateDir, wb, windows, budgetEnd: t0 + setup.budgetMs });
        } finally {
          for (const w of windows) await w.close().catch(() => undefined);
          if (running) await running.stop().catch(() => undefined);
          await sim.stop().catch(() => undefined);
          if (process.env.KEEP_TEST_STATE) say(`[e2e] host state kept in ${stateDir}`);
          else fs.rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
        }
      },
      // Starting code-server and chromium on this 2-core machine: 10 to 30 s; stopping: a few.
      { scope: 'worker', timeout: 120000 },
    ],
    budget: [
      async ({ run }, use, testInfo) => {
        const own = Number(testInfo.annotations.find((a) => a.type === 'timeout')?.description) || testInfo.timeout;
        const s0 = Date.now();
        const left = run.budgetEnd - s0;
        const clipped = left < own;
        testInfo.setTimeout(clipped ? Math.max(1, left) : own);
        await use();
        if (clipped && testInfo.status !== 'passed' && Date.now() - s0 >= left - 1000) note(`over the ${setup.budgetMs / 1000} s budget of the run`);
      },
      { auto: true },
    ],
  });
}
