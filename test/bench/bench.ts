// `npm run bench`: numbers, not pass/fail. Each result is reported against a baseline measured in the same run.
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { resolveEnvironment } from '../../src/core/auth/environment';
import { refreshTokens } from '../../src/core/auth/tokenClient';
import { systemClock } from '../../src/core/clock';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import { MemorySecrets } from '../support/memorySecretStore';
import { openWindow, signInTo } from '../support/signedIn';
import { activationCost } from './activation';
import { LightClient } from '../../src/core/api/lightClient';
import { kindOf, LightRecord, RecordKind } from '../../src/core/explorer/catalog';
import { Listing } from '../../src/core/explorer/listing';
import { renderRecord } from '../../src/core/explorer/recordText';
import { searchRecords } from '../../src/core/explorer/recordSearch';

const rows: Array<[string, string, string]> = [];
const row = (what: string, value: string, against: string) => rows.push([what, value, against]);
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

async function main() {
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

  await explorer();

  // 3. Size and activation of the production bundle.
  const bundle = path.resolve(__dirname, '../../../dist/extension.js');
  const size = fs.statSync(bundle).size;
  row('bundle dist/extension.js (minified)', `${(size / 1024).toFixed(1)} KB`, `GitHub sign-in 221 KB → ×${(size / 1024 / 221).toFixed(2)}; Microsoft 567 KB → ×${(size / 1024 / 567).toFixed(2)}`);
  const act = await activationCost(bundle);
  row('activate(): require + activate, p50 of 20', `${act.extension.toFixed(2)} ms`, `an empty extension: ${act.baseline.toFixed(2)} ms → ×${(act.extension / act.baseline).toFixed(1)}`);
  row('activate(): network requests', String(act.requests), 'must be 0');

  const w1 = Math.max(...rows.map((r) => r[0].length));
  const w2 = Math.max(...rows.map((r) => r[1].length));
  console.log(`${'benchmark'.padEnd(w1)} | ${'result'.padEnd(w2)} | against`);
  console.log(`${'-'.repeat(w1)}-|-${'-'.repeat(w2)}-|-${'-'.repeat(30)}`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w1)} | ${b.padEnd(w2)} | ${c}`);
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
