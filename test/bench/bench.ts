// `npm run bench`: numbers, not pass/fail. Each result is reported against a baseline measured in the same run.
// Env: LIGHT_HOST (oldest or newest: measure in that host only; by default the oldest, and the newest too when it is
// installed), LIGHT_BENCH_WINDOWS (fresh windows per host, default 6).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { resolveEnvironment } from '../../src/core/auth/environment';
import { refreshTokens } from '../../src/core/auth/tokenClient';
import { systemClock } from '../../src/core/clock';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import { MemorySecrets } from '../support/memorySecretStore';
import { openWindow, signInTo } from '../support/signedIn';
import { activationCost } from './activation';
import { builtInBundles, hostActivation, hostsToMeasure, KEYS, NAMES, summarize, type HostActivation } from './hostActivation';
import { ROOT, type Install } from '../runners/codeServer';
import { LightClient } from '../../src/core/api/lightClient';
import { kindOf, LightRecord, RecordKind } from '../../src/core/explorer/catalog';
import { Listing } from '../../src/core/explorer/listing';
import { renderRecord } from '../../src/core/explorer/recordText';
import { searchRecords } from '../../src/core/explorer/recordSearch';

const rows: Array<[string, string, string]> = [];
const row = (what: string, value: string, against: string) => rows.push([what, value, against]);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
const bytes = (n: number) => `${n.toLocaleString('en-US')} B`;
const msOf = (ms: number) => (Number.isNaN(ms) ? '? ms' : `${Number.isInteger(ms) ? ms : ms.toFixed(1)} ms`);
const say = (line: string) => console.log(`[bench] ${line}`);

/** The size goal of the file VS Code loads at activation. */
const BUNDLE_GOAL_BYTES = 44_000;
/** The activation goal: at most this times GitHub's, in the same host and window. */
const ACTIVATION_GOAL = 0.5;

interface Snapshot {
  /** a copy of the extension as the package has it (package.json, dist/*.js, …), taken when the bench starts */
  dir: string;
  /** its main (dist/extension.js) */
  bundle: string;
  bytes: number;
  /** the other dist/*.js files (loaded on first use, not at activation) */
  parts: Array<{ name: string; bytes: number }>;
  production: boolean;
}

/** Copies what the package ships of the extension (see .vscodeignore) into a folder of its own, right after
 *  `npm run bench` built it: every measurement is of that build, whatever rebuilds dist/ meanwhile. */
function snapshotExtension(): Snapshot {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'light-bench-ext-')), 'light-vscode');
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  for (const f of fs.readdirSync(ROOT)) if (/^package(\.nls.*)?\.json$|^LICENSE$/.test(f)) fs.copyFileSync(path.join(ROOT, f), path.join(dir, f));
  for (const d of ['media', 'l10n']) {
    // media/readme/ holds the README's pictures, which the package leaves out.
    const keep = (src: string) => path.relative(path.join(ROOT, d), src).split(path.sep)[0] !== 'readme';
    if (fs.existsSync(path.join(ROOT, d))) fs.cpSync(path.join(ROOT, d), path.join(dir, d), { recursive: true, filter: keep });
  }
  for (const f of fs.readdirSync(path.join(ROOT, 'dist'))) if (f.endsWith('.js')) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(dir, 'dist', f));
  const main = (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { main: string }).main;
  const bundle = path.resolve(dir, main);
  const parts = fs.readdirSync(path.join(dir, 'dist')).filter((f) => f.endsWith('.js') && path.join(dir, 'dist', f) !== bundle)
    .map((name) => ({ name, bytes: fs.statSync(path.join(dir, 'dist', name)).size }));
  // esbuild.js --production minifies and writes no source map; a development build ends with its sourceMappingURL.
  const production = !/\/\/# sourceMappingURL=/.test(fs.readFileSync(bundle, 'utf8').slice(-500));
  return { dir, bundle, bytes: fs.statSync(bundle).size, parts, production };
}

async function main() {
  const ext = snapshotExtension();
  let hosts: Install[] = [];
  try {
    hosts = hostsToMeasure();
  } catch (e) {
    row('real VS Code host (code-server)', 'failed', (e as Error).message.split('\n')[0]);
    process.exitCode = 1;
  }
  const windows = Math.max(1, Number(process.env.LIGHT_BENCH_WINDOWS) || 6);
  const t0 = Date.now();
  try {
    await inProcess();
    await explorer();
    say(`in-process benchmarks: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    bundleRows(ext, hosts);
    // The bundle in plain Node (a stand-in vscode): the extension's own work, and that activation sends nothing.
    const act = await activationCost(ext.bundle);
    row('activate() in plain Node (a stand-in vscode), p50 of 20', `${act.extension.toFixed(2)} ms`, `an empty extension: ${act.baseline.toFixed(2)} ms → ×${(act.extension / act.baseline).toFixed(1)}`);
    row('activate() in plain Node: network requests', String(act.requests), 'must be 0');
    for (const install of hosts) {
      try {
        say(`${install.name}: code-server ${install.version}, VS Code ${install.vscode}, Node ${install.nodeVersion}: ${windows} fresh windows`);
        activationRows(await hostActivation({ install, extensionDir: ext.dir, windows, say }), windows);
      } catch (e) {
        row(`activation in VS Code ${install.vscode} (code-server ${install.version})`, 'failed', (e as Error).message.split('\n')[0]);
        console.error(e);
        process.exitCode = 1;
      }
    }
  } finally {
    fs.rmSync(path.dirname(ext.dir), { recursive: true, force: true });
  }

  const w1 = Math.max(...rows.map((r) => r[0].length));
  const w2 = Math.max(...rows.map((r) => r[1].length));
  console.log(`${'benchmark'.padEnd(w1)} | ${'result'.padEnd(w2)} | against`);
  console.log(`${'-'.repeat(w1)}-|-${'-'.repeat(w2)}-|-${'-'.repeat(30)}`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w1)} | ${b.padEnd(w2)} | ${c}`);
}

/** The file VS Code loads at activation, against the goal and the sign-in extensions of each host. */
function bundleRows(ext: Snapshot, hosts: Install[]): void {
  const over = ext.bytes - BUNDLE_GOAL_BYTES;
  const parts = ext.parts.map((p) => `dist/${p.name} ${bytes(p.bytes)}`).join(', ');
  row(`bundle ${path.relative(ext.dir, ext.bundle)} (${ext.production ? 'production' : 'NOT a production build'}), loaded at activation`, bytes(ext.bytes),
    `goal ≤ ${bytes(BUNDLE_GOAL_BYTES)}: ${over <= 0 ? 'met' : `not met (${bytes(over)} over)`}${parts ? `; loaded on first use: ${parts}` : ''}`);
  for (const install of hosts) {
    const against = builtInBundles(install).map((b) => `${NAMES[b.key]} ${bytes(b.bytes)} → ×${(ext.bytes / b.bytes).toFixed(2)}`).join(', ');
    const mains = [...new Set(builtInBundles(install).map((b) => b.main))].join(', ');
    row(`bundle against the sign-in extensions of VS Code ${install.vscode}`, `Light ${bytes(ext.bytes)}`, `${against} (their main: ${mains})`);
  }
}

/** Activation in one real host: as Show Running Extensions counts it, the extensions' own work, and how. */
function activationRows(h: HostActivation, windows: number): void {
  const s = summarize(h);
  const v = `VS Code ${h.install.vscode}`;
  const ratio = (k: 'github' | 'microsoft', of: Record<string, number | undefined>) =>
    `${NAMES[k]} ${msOf(of[k] as number)} → ×${((of.light as number) / (of[k] as number)).toFixed(2)}`;
  const goal = s.shown.light / s.shown.github;
  row(`activation in ${v} (Load Code + Call Activate), median of ${windows} windows`, `Light ${msOf(s.shown.light)}`,
    `${ratio('github', s.shown)}, ${ratio('microsoft', s.shown)}; goal ≤ ${ACTIVATION_GOAL}× GitHub: ${goal <= ACTIVATION_GOAL ? 'met' : 'not met'}` +
    `${s.beforeAsk.includes('github') ? ' (but GitHub never waited for the others here: see how)' : ''}`);
  if (KEYS.every((k) => s.own[k] !== undefined)) {
    row(`  own work only, in ${v}: its require() + Call Activate`, `Light ${msOf(s.own.light as number)}`,
      `${ratio('github', s.own)}, ${ratio('microsoft', s.own)} (the extension host's marks around require(): Load Code without the wait for the others' code)`);
  }
  const notByProbe = KEYS.filter((k) => !s.events[k].every((e) => e.startsWith('the probe')));
  const early = s.beforeAsk.map((k) => `; ${NAMES[k]} began ${msOf(-(s.startedAfterAsk[k] as number))} before (median), first of the three in every window`).join('');
  const screen = KEYS.map((k) => `${NAMES[k]} ${h.onScreen[k] === undefined ? 'no row' : msOf(h.onScreen[k] as number)}`).join(', ') +
    (KEYS.some((k) => h.onScreen[k] === undefined) ? ` (${h.listRows.rendered} of ${h.listRows.total ?? '?'} rows on screen)` : '');
  row(`  how, in ${v}`, s.sameWay ? 'all three by the probe, at once' : `at once; ${notByProbe.map((k) => `${NAMES[k]} by ${s.events[k].join(', ')}`).join('; ')}`,
    `${windows >= 6 ? 'in each of the 6 orders' : `in ${windows} of the 6 orders`}; their code began loading within ${msOf(s.spread)} (median)${early}; ` +
    `${s.inNode ? 'all three' : 'NOT all'} in the Node extension host; Show Running Extensions, last window: ${screen}` +
    `${s.screenAgrees ? ' (as in the table)' : ' (NOT as in the Startup Performance table)'}; ${(h.ms / 1000).toFixed(0)} s`);
}

async function inProcess() {
  const sim = await startSimulator({ autoApprove: true, counts: { vendors: 1, customers: 1, invoiceReceivables: 1, invoicePayables: 1, ledgerAccounts: 1, users: 1 } });
  const env = resolveEnvironment('custom', sim.url);
  const client = { clientId: DEV_CREDENTIALS.production.clientId, clientSecret: DEV_CREDENTIALS.production.clientSecret };
  try {
    const w = openWindow(new MemorySecrets(), 'bench', systemClock);
    await w.store.setClientSecret(client.clientId, client.clientSecret);
    await w.manager.initialize();
    const session = await signInTo(sim);
    await w.manager.add(session);

    // 1. Cached getSession: what every other extension's call costs while the token is fresh.
    sim.control.resetCounters();
    const N = 10_000;
    const times: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await w.manager.fresh(session.id);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const c = sim.control.counters();
    const sent = c.api + c.token.refresh_token + c.token.authorization_code;
    const base: number[] = [];
    for (let i = 0; i < N; i++) {
      const t = performance.now();
      await Promise.resolve(session);
      base.push(performance.now() - t);
    }
    base.sort((a, b) => a - b);
    row(`cached getSession × ${N}: requests sent`, String(sent), 'must be 0');
    row('cached getSession p50 / p99', `${us(pct(times, 50))} / ${us(pct(times, 99))}`, `an awaited resolved promise: ${us(pct(base, 50))} / ${us(pct(base, 99))}`);

    await w.manager.dispose();

    // 2. Refresh storm: 1,000 callers at once on a token that is due, against one bare refresh at the same latency
    //    (none, and Light 100 ms away).
    let stored = (await w.store.read(session.id))!;
    for (const latencyMs of [0, 100]) {
      sim.control.setLatencyMs(latencyMs);
      const bare: number[] = [];
      for (let i = 0; i < (latencyMs ? 5 : 20); i++) {
        const t = performance.now();
        const next = await refreshTokens(env, client, stored.refreshToken as string);
        bare.push(performance.now() - t);
        stored = { ...stored, accessToken: next.accessToken, refreshToken: next.refreshToken, expiresAt: next.expiresAt };
      }
      bare.sort((a, b) => a - b);
      const storm = openWindow(new MemorySecrets(), `storm-${latencyMs}`, systemClock);
      await storm.store.setClientSecret(client.clientId, client.clientSecret);
      await storm.store.save({ ...stored, expiresAt: Date.now() - 1 });
      await storm.manager.initialize();
      sim.control.resetCounters();
      const t0 = performance.now();
      const all = await Promise.all(Array.from({ length: 1000 }, () => storm.manager.fresh(session.id)));
      const took = performance.now() - t0;
      stored = storm.manager.get(session.id)!;
      const at = latencyMs ? ` (Light ${latencyMs} ms away)` : '';
      row(`refresh storm${at}, 1,000 callers: token requests / distinct tokens`, `${sim.control.counters().token.refresh_token} / ${new Set(all.map((x) => x?.accessToken)).size}`, 'must be 1 / 1');
      row(`refresh storm${at}: until all have a token`, `${took.toFixed(1)} ms`, `one bare refresh p50 ${pct(bare, 50).toFixed(1)} ms → ×${(took / pct(bare, 50)).toFixed(2)}`);
      storm.manager.dispose();
    }
    sim.control.setLatencyMs(0);
  } finally {
    await sim.stop();
  }

}

/** 4. The explorer over 10,000 vendors: paging, search and record text against the bare client and JSON.stringify. */
async function explorer(): Promise<void> {
  const sim = await startSimulator({ autoApprove: true, rateLimitPerMinute: 1_000_000, counts: { vendors: 10_000 } });
  try {
    const w = openWindow(new MemorySecrets(), 'bench-explorer', systemClock);
    const c = DEV_CREDENTIALS.production;
    await w.store.setClientSecret(c.clientId, c.clientSecret);
    await w.manager.initialize();
    const session = await w.manager.add(await signInTo(sim));
    const client = new LightClient(w.manager, session.id);
    const vendors = kindOf('vendors') as RecordKind;

    const best = async (runs: number, work: () => Promise<unknown>) => {
      let min = Infinity;
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await work();
        min = Math.min(min, performance.now() - t);
      }
      return min;
    };
    const bare = await best(3, async () => {
      let n = 0;
      for await (const vendor of client.all<LightRecord>('/v1/vendors', { limit: 200 }, { maxRecords: 20_000 })) n += vendor ? 1 : 0;
      if (n !== 10_000) throw new Error(`the bare client saw ${n} vendors`);
    });
    let clicks = 0;
    sim.control.resetCounters();
    const listed = await best(3, async () => {
      const listing = new Listing(vendors, () => client);
      clicks = 0;
      while (listing.hasMore) {
        await listing.loadMore();
        clicks++;
      }
      if (listing.records.length !== 10_000) throw new Error(`the listing holds ${listing.records.length} vendors`);
    });
    row('explorer: every one of 10,000 vendors by Load more', `${listed.toFixed(0)} ms, ${clicks} pages`, `the bare client in pages of 200: ${bare.toFixed(0)} ms → ×${(listed / bare).toFixed(2)}`);

    const firstPage = await best(10, () => new Listing(vendors, () => client).loadMore());
    const barePage = await best(10, () => client.list('/v1/vendors', { limit: 50 }));
    row('explorer: a group expanded (first page)', `${firstPage.toFixed(1)} ms`, `one bare list call: ${barePage.toFixed(1)} ms → ×${(firstPage / barePage).toFixed(2)}`);

    const search = await best(10, () => searchRecords(client, 'harbor'));
    const bareSearch = await best(10, () => client.list('/v1/vendors', { searchTerm: 'harbor', limit: 10 }));
    row('Go to Record: one term over every searchable kind', `${search.toFixed(1)} ms`, `one vendor search: ${bareSearch.toFixed(1)} ms → ×${(search / bareSearch).toFixed(2)}`);

    const bills = (await client.list<LightRecord>('/v1/bff/invoice-payables', { limit: 200 })).records;
    const renderMs = await best(5, async () => bills.forEach((b) => renderRecord(b)));
    const stringifyMs = await best(5, async () => bills.forEach((b) => JSON.stringify(b, null, 2)));
    row(`record text (masked, with links) × ${bills.length} bills`, `${renderMs.toFixed(2)} ms`, `JSON.stringify(…, 2): ${stringifyMs.toFixed(2)} ms → ×${(renderMs / stringifyMs).toFixed(1)}`);
    w.manager.dispose();
  } finally {
    await sim.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
