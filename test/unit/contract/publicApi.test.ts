import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { signInWithApiKey } from '../../../src/core/signIn/apiKeySignIn';
import { resolveEnvironment } from '../../../src/core/auth/environment';
import { systemClock } from '../../../src/core/clock';
import type { LightApiError, LightExports, Vendor } from '../../../src/lightApi';
import { createPublicApi } from '../../../src/vscode/publicApi';
import { DEV_CREDENTIALS, Simulator, startSimulator } from '../../simulator';
import { compileAsConsumer } from '../../support/consumerCompile';
import { MemorySecrets } from '../../support/memorySecretStore';
import { openWindow, signInTo, Window } from '../../support/signedIn';

const ROOT = path.resolve(__dirname, '../../../..');
const isApiError = (e: unknown) => e instanceof Error && e.name === 'LightApiError';

/** What other extensions get: nothing without a session VS Code handed them, a client with one. */
describe('the public API (getApi(1))', () => {
  let sim: Simulator;
  let w: Window;
  let exports: LightExports;
  const handedOut = new Set<string>();
  const asHanded = (s: { id: string; accessToken: string }) => {
    handedOut.add(`${s.id} ${s.accessToken}`);
    return { id: s.id, accessToken: s.accessToken, account: { id: 'x', label: 'x' }, scopes: [] };
  };

  before(async () => {
    sim = await startSimulator({ autoApprove: true, counts: { vendors: 120, customers: 3, invoiceReceivables: 3, invoicePayables: 3, ledgerAccounts: 3, users: 2 } });
    w = openWindow(new MemorySecrets(), 'w', systemClock);
    await w.store.setClientSecret(sim.companies[0].clientId, sim.companies[0].clientSecret);
    await w.manager.initialize();
    exports = createPublicApi({ manager: w.manager, ready: Promise.resolve(), issued: (s) => handedOut.has(`${s.id} ${s.accessToken}`) });
  });
  after(async () => {
    w.manager.dispose();
    await sim.stop();
  });

  it('offers version 1 only', () => {
    assert.strictEqual(exports.getApi(1).version, 1);
    assert.throws(() => exports.getApi(2 as 1), isApiError);
  });

  it('refuses a session VS Code did not hand out, without calling Light', async () => {
    const s = await w.manager.add(await signInTo(sim));
    sim.control.resetCounters();
    const api = exports.getApi(1);
    for (const forged of [
      { id: s.id, accessToken: 'guessed', account: { id: s.accountId, label: '' }, scopes: [] },
      { id: 'oauth:elsewhere/c1', accessToken: s.accessToken, account: { id: '', label: '' }, scopes: [] },
      {} as never,
      null as never,
    ]) {
      assert.throws(() => api.client(forged), isApiError, JSON.stringify(forged));
    }
    assert.strictEqual(sim.control.counters().api, 0);
  });

  it('serves a session VS Code handed out: pages across vendors, and stops once the account signs out', async () => {
    const s = w.manager.sessions()[0];
    const client = exports.getApi(1).client(asHanded(s));
    assert.strictEqual(client.company.name, 'Northwind Trading');
    let n = 0;
    for await (const v of client.all<Vendor>('/v1/vendors', { limit: 50 })) n += v.vendorId ? 1 : 0;
    assert.strictEqual(n, 120);
    await assert.rejects(client.get('/v1/vendors/00000000-0000-0000-0000-000000000000'), (e: unknown) => {
      const err = e as LightApiError;
      return isApiError(e) && err.status === 404 && err.type === 'NOT_FOUND' && err.messages.length > 0;
    });
    await w.manager.remove(s.id);
    sim.control.resetCounters();
    await assert.rejects(client.get('/v1/companies/current'), (e: unknown) => isApiError(e) && /signed out/.test((e as Error).message));
    assert.strictEqual(sim.control.counters().api, 0);
  });

  it('never serves an API-key account, even with its id and key', async () => {
    const key = await w.manager.add(await signInWithApiKey(resolveEnvironment('custom', sim.url), DEV_CREDENTIALS.production.apiKey));
    assert.throws(() => exports.getApi(1).client(asHanded(key)), isApiError);
  });

  it('compiles the README example against src/lightApi.d.ts, as a consumer would', function () {
    this.timeout(60_000);
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## For other extensions'));
    const example = /```ts\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(example && example.includes("from './lightApi'"), 'the README has the example');
    const problems = compileAsConsumer(example);
    assert.deepStrictEqual(problems, []);
  });
});
