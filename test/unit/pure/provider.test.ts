import '../../support/fakeVscode';
import * as assert from 'assert';
import type * as vscode from 'vscode';
import { SessionManager } from '../../../src/core/auth/sessionManager';
import { StoredSession, TokenStore } from '../../../src/core/auth/tokenStore';
import { silentLogger } from '../../../src/core/log';
import { LightAuthenticationProvider } from '../../../src/vscode/provider';
import { sampleSession } from '../../support/builders';
import { FakeClock, settle } from '../../support/fakeClock';
import { coordinatorFor } from '../../support/machine';
import { MemorySecrets } from '../../support/memorySecretStore';

// What VS Code sees of Light's sessions. The real host cannot reach everything here without a dialog (removeSession is
// the Accounts menu's sign-out; event contents are not passed on to extensions): test/integration/provider.test.ts
// covers the rest there.

const HOUR = 3600_000;
type ChangeEvent = vscode.AuthenticationProviderAuthenticationSessionsChangeEvent;

interface Harness {
  clock: FakeClock;
  store: TokenStore;
  manager: SessionManager;
  provider: LightAuthenticationProvider;
  /** Refresh tokens presented to the token endpoint. */
  refreshed: string[];
  events: ChangeEvent[];
  /** The session a sign-in through the provider produces. */
  signedIn?: StoredSession;
}

const a = () => sampleSession({ createdAt: Date.UTC(2026, 0, 1), expiresAt: Date.UTC(2026, 0, 1) + HOUR });
const b = () => ({ ...a(), id: 'oauth:custom:127.0.0.1:4010/c2', accountId: 'custom:127.0.0.1:4010/c2', label: 'Northwind Trading (Sandbox)', accessToken: 'b-at-1', refreshToken: 'b-rt-1' });
const key = () => ({ ...a(), id: 'apiKey:custom:127.0.0.1:4010/c1', kind: 'apiKey' as const, accountId: 'custom:127.0.0.1:4010/c1#api-key', label: 'Northwind Trading · API key', accessToken: 'light-dev-api-key', refreshToken: undefined, expiresAt: undefined });
const asVsCode = (s: StoredSession, scopes: string[] = []) => ({ id: s.id, accessToken: s.accessToken, account: { id: s.accountId, label: s.label }, scopes });

async function harness(ready: Promise<void> = Promise.resolve()): Promise<Harness> {
  const clock = new FakeClock();
  const store = new TokenStore(new MemorySecrets().view(), silentLogger);
  await store.setClientSecret('light-vscode-dev', 'dev-secret');
  let n = 1;
  const h = { clock, store, refreshed: [], events: [] } as unknown as Harness;
  h.manager = new SessionManager({
    store,
    clock,
    logger: silentLogger,
    coordinator: coordinatorFor('w1'),
    requestTokens: async (s, _client, time) => {
      h.refreshed.push(s.refreshToken as string);
      n++;
      return { accessToken: `${s.accessToken.replace(/\d+$/, '')}${n}`, refreshToken: `rt-${n}-${s.id}`, expiresAt: time.now() + HOUR };
    },
  });
  await h.manager.initialize();
  h.provider = new LightAuthenticationProvider(h.manager, ready, async () => h.manager.add(h.signedIn as StoredSession));
  h.provider.onDidChangeSessions((e) => h.events.push(e));
  return h;
}

describe('the authentication provider (what VS Code sees)', () => {
  it('offers the OAuth sessions only, each as its account, with the scopes asked for', async () => {
    const h = await harness();
    for (const s of [a(), key(), b()]) await h.manager.add(s);
    assert.deepStrictEqual(await h.provider.getSessions(['any', 'scopes']), [asVsCode(a(), ['any', 'scopes']), asVsCode(b(), ['any', 'scopes'])]);
    assert.deepStrictEqual(await h.provider.getSessions(undefined), [asVsCode(a()), asVsCode(b())]);
    assert.strictEqual(h.refreshed.length, 0, 'fresh sessions are handed out as they are');
  });

  it('gives the session of the account asked for, and none for an account it does not offer', async () => {
    const h = await harness();
    for (const s of [a(), key(), b()]) await h.manager.add(s);
    const of = (s: StoredSession) => ({ account: { id: s.accountId, label: s.label } });
    assert.deepStrictEqual(await h.provider.getSessions([], of(b())), [asVsCode(b())]);
    assert.deepStrictEqual(await h.provider.getSessions([], of(a())), [asVsCode(a())]);
    assert.deepStrictEqual(await h.provider.getSessions([], of(key())), [], 'not the API key, even by its account');
    assert.deepStrictEqual(await h.provider.getSessions([], { account: { id: 'custom:127.0.0.1:4010/nobody', label: 'x' } }), []);
  });

  it('answers once the stored sessions are loaded', async () => {
    let loaded!: () => void;
    const h = await harness(new Promise<void>((resolve) => (loaded = resolve)));
    await h.manager.add(a());
    let answer: vscode.AuthenticationSession[] | undefined;
    void h.provider.getSessions([]).then((s) => (answer = s));
    await settle();
    assert.strictEqual(answer, undefined);
    loaded();
    await settle();
    assert.deepStrictEqual(answer, [asVsCode(a())]);
  });

  it('hands out fresh tokens: a session due for refresh is refreshed first, only for the account asked for', async () => {
    const h = await harness();
    await h.manager.add(a());
    await h.manager.add(b());
    h.clock.jump(HOUR * 0.8);
    const [got] = await h.provider.getSessions([], { account: { id: a().accountId, label: a().label } });
    assert.strictEqual(got.accessToken, 'at-2');
    assert.deepStrictEqual(h.refreshed, ['rt-1'], 'the other account was not refreshed');
    const all = await h.provider.getSessions([]);
    assert.deepStrictEqual(all.map((s) => s.accessToken), ['at-2', 'b-at-3']);
    assert.deepStrictEqual(h.refreshed, ['rt-1', 'b-rt-1']);
  });

  it('issued() knows the tokens it handed out, the last 20 of each session, and nothing else', async () => {
    const h = await harness();
    await h.manager.add(a());
    await h.manager.add(b());
    const first = (await h.provider.getSessions([]))[0];
    assert.strictEqual(h.provider.issued(first), true);
    assert.strictEqual(h.provider.issued({ id: first.id, accessToken: 'forged' }), false);
    assert.strictEqual(h.provider.issued({ id: b().id, accessToken: first.accessToken }), false, 'a token counts for its own session only');
    assert.strictEqual(h.provider.issued({ id: b().id, accessToken: b().accessToken }), true);
    // Handing out the same token again does not use up the 20.
    for (let i = 0; i < 30; i++) await h.provider.getSessions([]);
    assert.strictEqual(h.provider.issued(first), true);

    const handedOut = [first.accessToken];
    for (let i = 1; i <= 20; i++) {
      h.clock.jump(HOUR * 0.8);
      handedOut.push((await h.provider.getSessions([], { account: { id: a().accountId, label: '' } }))[0].accessToken);
      assert.notStrictEqual(handedOut[i], handedOut[i - 1]);
      assert.strictEqual(h.provider.issued(first), i < 20, `after ${i} newer tokens`);
    }
    for (const t of handedOut.slice(1)) assert.strictEqual(h.provider.issued({ id: first.id, accessToken: t }), true);

    // A token that was refreshed but never handed out was never issued.
    h.clock.jump(HOUR * 0.8);
    const unseen = await h.manager.fresh(a().id);
    assert.ok(unseen && !handedOut.includes(unseen.accessToken));
    assert.strictEqual(h.provider.issued({ id: first.id, accessToken: unseen.accessToken }), false);
  });

  it('createSession runs a sign-in and hands its session out', async () => {
    const h = await harness();
    h.signedIn = a();
    const s = await h.provider.createSession(['x']);
    assert.deepStrictEqual(s, asVsCode(a(), ['x']));
    assert.strictEqual(h.provider.issued(s), true);
    assert.deepStrictEqual(h.manager.sessions().map((x) => x.id), [a().id]);
  });

  it('removeSession signs out: the session is gone from this window and from storage', async () => {
    const h = await harness();
    await h.manager.add(a());
    await h.manager.add(b());
    h.events.length = 0;
    await h.provider.removeSession(a().id);
    assert.deepStrictEqual(h.manager.sessions().map((s) => s.id), [b().id]);
    assert.strictEqual(await h.store.read(a().id), undefined);
    assert.deepStrictEqual(await h.provider.getSessions([]), [asVsCode(b())]);
    assert.deepStrictEqual(h.events, [{ added: [], removed: [asVsCode(a())], changed: [] }]);
  });

  it("tells VS Code of sign-ins, refreshes and sign-outs in its shape, and never of an API key", async () => {
    const h = await harness();
    await h.manager.add(a());
    assert.deepStrictEqual(h.events, [{ added: [asVsCode(a())], removed: [], changed: [] }]);
    await h.manager.add({ ...a(), accessToken: 'at-again', createdAt: a().createdAt + 1 });
    assert.deepStrictEqual(h.events[1], { added: [], removed: [], changed: [asVsCode({ ...a(), accessToken: 'at-again' })] });
    h.clock.jump(HOUR * 0.8);
    const refreshed = await h.manager.fresh(a().id);
    assert.deepStrictEqual(h.events[2], { added: [], removed: [], changed: [asVsCode(refreshed as StoredSession)] });
    await h.manager.add(key());
    await h.manager.remove(key().id);
    await h.manager.remove(a().id);
    assert.deepStrictEqual(h.events[h.events.length - 1], { added: [], removed: [asVsCode(refreshed as StoredSession)], changed: [] });
    for (const e of h.events) {
      for (const s of [...e.added, ...e.removed, ...e.changed]) assert.notStrictEqual(s.id, key().id, 'an API-key session reached VS Code');
    }
    h.provider.dispose();
    await h.manager.add(b());
    assert.ok(!h.events.some((e) => e.added.some((s) => s.id === b().id)), 'nothing after dispose');
  });
});
