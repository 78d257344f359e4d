import * as assert from 'assert';
import { needsRefresh, refreshMargin, backoffMs } from '../../../src/core/auth/refreshPolicy';
import { SessionManager } from '../../../src/core/auth/sessionManager';
import { TokenSet } from '../../../src/core/auth/tokenClient';
import { StoredSession, TokenStore } from '../../../src/core/auth/tokenStore';
import { LightError } from '../../../src/core/errors';
import { Logger, silentLogger } from '../../../src/core/log';
import { FakeClock, settle } from '../../support/fakeClock';
import { coordinatorFor, machineDir } from '../../support/machine';
import { MemorySecrets } from '../../support/memorySecretStore';
import { sampleSession } from '../../support/builders';

const HOUR = 3600_000;

interface Harness {
  clock: FakeClock;
  secrets: MemorySecrets;
  store: TokenStore;
  manager: SessionManager;
  calls: string[];
  /** What the next refresh does: return tokens (default) or throw. */
  next: Array<() => TokenSet | Promise<TokenSet>>;
  session: StoredSession;
  /** The folder this window shares with other windows of its machine. */
  machine: string;
}

async function harness(session: Partial<StoredSession> = {}, clock = new FakeClock(), logger: Logger = silentLogger): Promise<Harness> {
  const secrets = new MemorySecrets();
  const machine = machineDir();
  const store = new TokenStore(secrets.view(), silentLogger);
  const s = sampleSession({ createdAt: clock.now(), expiresAt: clock.now() + HOUR, ...session });
  await store.setClientSecret('light-vscode-dev', 'dev-secret');
  await store.save(s);
  const h: Harness = { clock, secrets, store, manager: undefined as unknown as SessionManager, calls: [], next: [], session: s, machine };
  let n = 1;
  h.manager = new SessionManager({
    store,
    clock,
    logger,
    coordinator: coordinatorFor('w1', machine),
    requestTokens: async (used, client, time) => {
      h.calls.push(`${used.refreshToken}|${client.clientSecret}`);
      const step = h.next.shift();
      if (step) return step();
      n++;
      return { accessToken: `at-${n}`, refreshToken: `rt-${n}`, expiresAt: time.now() + HOUR };
    },
  });
  await h.manager.initialize();
  await settle();
  return h;
}

describe('refresh policy', () => {
  it('refreshes in the last quarter of the life, at least 60 s, never before half-way', () => {
    const s = sampleSession({ createdAt: 0, expiresAt: HOUR });
    assert.strictEqual(refreshMargin(s), HOUR / 4);
    assert.ok(!needsRefresh(s, HOUR * 0.75 - 1));
    assert.ok(needsRefresh(s, HOUR * 0.75));
    assert.strictEqual(refreshMargin(sampleSession({ createdAt: 0, expiresAt: 120_000 })), 60_000);
    assert.strictEqual(refreshMargin(sampleSession({ createdAt: 0, expiresAt: 5_000 })), 2_500);
    assert.ok(!needsRefresh(sampleSession({ kind: 'apiKey', refreshToken: undefined, expiresAt: undefined }), Number.MAX_SAFE_INTEGER));
  });

  it('backs off 5 s, 10 s, 20 s … up to 5 minutes, and honours a longer Retry-After', () => {
    assert.deepStrictEqual([1, 2, 3, 4, 10].map((f) => backoffMs(f)), [5_000, 10_000, 20_000, 40_000, 300_000]);
    assert.strictEqual(backoffMs(1, 30), 30_000);
    assert.strictEqual(backoffMs(3, 1), 20_000);
  });
});

describe('session manager', () => {
  it('restores stored sessions with no token request and hands them out as they are while fresh', async () => {
    const h = await harness();
    assert.deepStrictEqual(h.manager.sessions().map((s) => s.id), [h.session.id]);
    for (let i = 0; i < 100; i++) assert.strictEqual((await h.manager.fresh(h.session.id))?.accessToken, 'at-1');
    assert.strictEqual(h.calls.length, 0);
  });

  it('refreshes before handing out a token inside its margin, once for any number of callers', async () => {
    const h = await harness();
    h.clock.jump(HOUR * 0.8);
    const got = await Promise.all(Array.from({ length: 100 }, () => h.manager.fresh(h.session.id)));
    assert.strictEqual(h.calls.length, 1);
    assert.ok(got.every((s) => s?.accessToken === 'at-2'));
    assert.strictEqual(h.calls[0], 'rt-1|dev-secret');
  });

  it('stores the rotated refresh token before the new access token is handed out', async () => {
    const h = await harness();
    h.clock.jump(HOUR);
    const s = await h.manager.fresh(h.session.id);
    const stored = await h.store.read(h.session.id);
    assert.strictEqual(s?.accessToken, 'at-2');
    assert.strictEqual(stored?.refreshToken, 'rt-2');
    assert.strictEqual(stored?.accessToken, 'at-2');
  });

  it('refreshes ahead of expiry on a timer, and re-arms it after each refresh', async () => {
    const h = await harness();
    await h.clock.advance(HOUR * 0.75 + 1);
    assert.strictEqual(h.calls.length, 1);
    assert.strictEqual(h.manager.get(h.session.id)?.accessToken, 'at-2');
    await h.clock.advance(HOUR * 0.75 + 1);
    assert.strictEqual(h.calls.length, 2);
    assert.strictEqual(h.manager.get(h.session.id)?.accessToken, 'at-3');
  });

  it('keeps refreshing on its own when a timer fires a little early', async () => {
    const h = await harness({ expiresAt: Date.UTC(2026, 0, 1) + 10_000.4 }, new FakeClock(Date.UTC(2026, 0, 1), 0.7));
    await h.clock.advance(10_000);
    assert.strictEqual(h.calls.length, 1, 'the first refresh happened without any caller');
    await h.clock.advance(5 * HOUR);
    // hour-long tokens, each refreshed 45 minutes in: 6 more in 5 hours
    assert.strictEqual(h.calls.length, 7, 'the timer kept refreshing');
  });

  it('checks the wall clock after a sleep that timers slept through', async () => {
    const h = await harness();
    h.clock.jump(HOUR * 5);
    h.manager.checkAll();
    await settle();
    assert.strictEqual(h.calls.length, 1);
    assert.strictEqual(h.manager.get(h.session.id)?.accessToken, 'at-2');
  });

  it('keeps the session through transient failures, retrying with backoff and Retry-After', async () => {
    const h = await harness();
    const fail = (e: LightError) => () => {
      throw e;
    };
    h.next.push(fail(new LightError('network', 'offline')), fail(new LightError('http', 'busy', { status: 503 })), fail(new LightError('http', 'slow down', { status: 429, retryAfterSeconds: 60 })));
    h.clock.jump(HOUR * 0.8);
    const s = await h.manager.fresh(h.session.id);
    assert.strictEqual(s?.accessToken, 'at-1', 'the still-valid token is handed out');
    assert.strictEqual(h.manager.state(h.session.id)?.status, 'retrying');
    assert.strictEqual(h.manager.state(h.session.id)?.nextRetryAt, h.clock.now() + 5_000);
    await h.clock.advance(5_000);
    assert.strictEqual(h.calls.length, 2);
    assert.strictEqual(h.manager.state(h.session.id)?.nextRetryAt, h.clock.now() + 10_000);
    await h.clock.advance(10_000);
    assert.strictEqual(h.calls.length, 3);
    assert.strictEqual(h.manager.state(h.session.id)?.nextRetryAt, h.clock.now() + 60_000, 'Retry-After wins');
    await h.clock.advance(60_000);
    assert.strictEqual(h.calls.length, 4);
    assert.strictEqual(h.manager.state(h.session.id)?.status, 'valid');
    assert.strictEqual((await h.store.read(h.session.id))?.refreshToken, 'rt-2');
  });

  it('fails a caller with the reason when the token has expired and Light cannot be reached, keeping the session', async () => {
    const h = await harness();
    h.next.push(() => {
      throw new LightError('timeout', 'Light did not answer');
    });
    h.clock.jump(HOUR * 2);
    await assert.rejects(h.manager.fresh(h.session.id), /did not answer/);
    assert.ok(await h.store.read(h.session.id), 'nothing deleted');
    assert.strictEqual(h.manager.sessions().length, 1);
  });

  it('ends the session on invalid_grant: secrets removed, change and end events fired', async () => {
    const h = await harness();
    const ended: string[] = [];
    const removed: string[] = [];
    h.manager.onDidEndSession((e) => ended.push(e.session.label));
    h.manager.onDidChangeSessions((e) => removed.push(...e.removed.map((s) => s.id)));
    h.next.push(() => {
      throw new LightError('oauth', 'revoked', { code: 'invalid_grant', status: 400 });
    });
    h.clock.jump(HOUR);
    assert.strictEqual(await h.manager.fresh(h.session.id), undefined);
    assert.deepStrictEqual(ended, ['Northwind Trading']);
    assert.deepStrictEqual(removed, [h.session.id]);
    assert.strictEqual(await h.store.read(h.session.id), undefined);
    assert.deepStrictEqual(await h.store.ids(), []);
  });

  it('sign-out wins over a refresh in flight in the same window: nothing is stored or adopted afterwards', async () => {
    const h = await harness();
    let answer!: (t: TokenSet) => void;
    h.next.push(() => new Promise<TokenSet>((resolve) => (answer = resolve)));
    const seen: string[] = [];
    h.manager.onDidChangeSessions((e) => seen.push(...e.added.map((x) => `+${x.id}`), ...e.changed.map((x) => `~${x.id}`), ...e.removed.map((x) => `-${x.id}`)));
    h.clock.jump(HOUR);
    const handout = h.manager.fresh(h.session.id);
    await settle();
    await h.manager.remove(h.session.id);
    answer({ accessToken: 'at-late', refreshToken: 'rt-late', expiresAt: h.clock.now() + HOUR });
    assert.strictEqual(await handout.catch(() => undefined), undefined);
    await settle();
    assert.strictEqual(h.manager.get(h.session.id), undefined);
    assert.strictEqual(await h.store.read(h.session.id), undefined, 'the late tokens were not stored');
    assert.deepStrictEqual(await h.store.ids(), []);
    assert.deepStrictEqual(seen, [`-${h.session.id}`]);
    // A new sign-in afterwards is kept, even with a clock that went back.
    h.clock.jump(-2 * HOUR);
    await h.manager.add(sampleSession({ createdAt: h.clock.now(), expiresAt: h.clock.now() + HOUR, accessToken: 'at-new' }));
    assert.strictEqual((await h.manager.fresh(h.session.id))?.accessToken, 'at-new');
  });

  it('invalid_client stops retrying, keeps the secrets, asks the user once, and resumes with a new client secret', async () => {
    const h = await harness();
    const attention: string[] = [];
    h.manager.onDidNeedAttention((e) => attention.push(e.error.message));
    h.next.push(() => {
      throw new LightError('oauth', 'Light refused the sign-in (invalid_client)', { code: 'invalid_client', status: 401 });
    });
    h.clock.jump(HOUR * 0.8);
    assert.strictEqual((await h.manager.fresh(h.session.id))?.accessToken, 'at-1', 'the still-valid token is handed out');
    assert.strictEqual(h.manager.state(h.session.id)?.status, 'needsAttention');
    assert.deepStrictEqual(attention, ['Light refused the sign-in (invalid_client)']);
    await h.clock.advance(HOUR * 0.1);
    await h.manager.fresh(h.session.id);
    assert.strictEqual(h.calls.length, 1, 'no retry, on a timer or on a hand-out');
    assert.strictEqual((await h.store.read(h.session.id))?.refreshToken, 'rt-1', 'the refresh token is kept');
    await h.store.setClientSecret('light-vscode-dev', 'rotated-secret');
    await settle();
    assert.strictEqual(h.calls.length, 2);
    assert.strictEqual(h.calls[1], 'rt-1|rotated-secret');
    assert.strictEqual(h.manager.state(h.session.id)?.status, 'valid');
  });

  it('a programming error in a refresh is logged as a bug, not shown as an outage, and retried later', async () => {
    const logged: string[] = [];
    const h = await harness({}, new FakeClock(), { ...silentLogger, error: (m) => logged.push(m) });
    h.next.push(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'access_token')");
    });
    h.clock.jump(HOUR * 0.8);
    await h.manager.fresh(h.session.id);
    const state = h.manager.state(h.session.id);
    assert.strictEqual(state?.status, 'retrying');
    assert.doesNotMatch(state?.lastError ?? '', /reach|network|connection/i);
    assert.match(state?.lastError ?? '', /bug/);
    assert.ok(logged.some((l) => /^Bug while refreshing/.test(l) && /TypeError/.test(l)), logged.join('\n'));
    await h.clock.advance(5_000);
    assert.strictEqual(h.manager.state(h.session.id)?.status, 'valid');
  });

  it('bad stored values never crash a timer: a string expiry is refreshed once, not in a 1 ms loop', async () => {
    const clock = new FakeClock();
    const h = await harness({ expiresAt: String(clock.now() + HOUR) as unknown as number }, clock);
    await h.clock.advance(50);
    assert.strictEqual(h.calls.length, 1, 'refreshed once, as an expired token');
    assert.strictEqual(h.manager.get(h.session.id)?.accessToken, 'at-2');
    assert.ok(h.clock.pending <= 1, `${h.clock.pending} timers pending`);
  });

  it('keeps the previous refresh token when Light sends none', async () => {
    const h = await harness();
    h.next.push(() => ({ accessToken: 'at-x', expiresAt: h.clock.now() + HOUR }));
    h.clock.jump(HOUR);
    const s = await h.manager.fresh(h.session.id);
    assert.strictEqual(s?.accessToken, 'at-x');
    assert.strictEqual(s?.refreshToken, 'rt-1');
  });

  it('after a 401, refreshes once, unless the rejected token was already replaced', async () => {
    const h = await harness();
    const a = await h.manager.refreshAfterRejection(h.session.id, 'at-1');
    assert.strictEqual(a?.accessToken, 'at-2');
    const b = await h.manager.refreshAfterRejection(h.session.id, 'at-1');
    assert.strictEqual(b?.accessToken, 'at-2');
    assert.strictEqual(h.calls.length, 1);
  });

  it('keeps working in memory when secret storage fails, and says so once per failure', async () => {
    const h = await harness();
    const errors: string[] = [];
    h.manager.onStorageError((e) => errors.push(e.message));
    h.clock.jump(HOUR);
    h.secrets.failWrites = true;
    const s = await h.manager.fresh(h.session.id);
    assert.strictEqual(s?.accessToken, 'at-2');
    assert.ok(errors.length >= 1 && /keyring/.test(errors[0]));
    assert.strictEqual((await h.store.read(h.session.id))?.refreshToken, 'rt-1', 'the store could not take it');
    h.secrets.failWrites = false;
    assert.strictEqual(h.manager.get(h.session.id)?.refreshToken, 'rt-2');
  });

  it('starts empty, without throwing, when secret storage is unavailable', async () => {
    const secrets = new MemorySecrets();
    secrets.failNext = 1;
    const store = new TokenStore(secrets.view(), silentLogger);
    const m = new SessionManager({ store, clock: new FakeClock(), logger: silentLogger, coordinator: coordinatorFor('w') });
    const errors: LightError[] = [];
    m.onStorageError((e) => errors.push(e));
    await m.initialize();
    assert.deepStrictEqual(m.sessions(), []);
    assert.strictEqual(errors[0]?.kind, 'storage');
  });

  it('follows sign-ins and sign-outs made in another window', async () => {
    const h = await harness();
    const other = new SessionManager({ store: new TokenStore(h.secrets.view(), silentLogger), clock: h.clock, logger: silentLogger, coordinator: coordinatorFor('w2', h.machine) });
    await other.initialize();
    const added = sampleSession({ id: 'oauth:sandbox/c9', accountId: 'sandbox/c9', label: 'Sandbox' });
    const seen: string[] = [];
    h.manager.onDidChangeSessions((e) => seen.push(...e.added.map((s) => `+${s.id}`), ...e.removed.map((s) => `-${s.id}`)));
    await other.add(added);
    await settle();
    await other.remove(h.session.id);
    await settle();
    assert.deepStrictEqual(h.manager.sessions().map((s) => s.id), [added.id]);
    assert.deepStrictEqual(seen, [`+${added.id}`, `-${h.session.id}`]);
  });

  it('keeps both accounts when two windows sign in to different ones at the same moment', async () => {
    const h = await harness();
    const other = new SessionManager({ store: new TokenStore(h.secrets.view(), silentLogger), clock: h.clock, logger: silentLogger, coordinator: coordinatorFor('w2', h.machine) });
    await other.initialize();
    await settle();
    const a = sampleSession({ id: 'oauth:sandbox/a', accountId: 'sandbox/a', label: 'A' });
    const b = sampleSession({ id: 'oauth:sandbox/b', accountId: 'sandbox/b', label: 'B' });
    await Promise.all([h.manager.add(a), other.add(b)]);
    await settle();
    await settle();
    const expected = [h.session.id, a.id, b.id].sort();
    assert.deepStrictEqual((await h.store.ids()).sort(), expected, 'the stored index names every account');
    assert.deepStrictEqual(h.manager.sessions().map((s) => s.id).sort(), expected);
    assert.deepStrictEqual(other.sessions().map((s) => s.id).sort(), expected);
    other.dispose();
  });
});
