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

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
