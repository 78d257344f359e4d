import * as assert from 'assert';
import { resolveEnvironment } from '../../../src/core/auth/environment';
import { newSession } from '../../../src/core/signIn/oauthSignIn';
import { StoredSession, TokenStore } from '../../../src/core/auth/tokenStore';
import { LightError } from '../../../src/core/errors';
import { silentLogger } from '../../../src/core/log';
import { sampleSession } from '../../support/builders';
import { MemorySecrets } from '../../support/memorySecretStore';

describe('token store', () => {
  it('round-trips sessions, the index and client secrets through SecretStorage', async () => {
    const secrets = new MemorySecrets();
    const store = new TokenStore(secrets.view(), silentLogger);
    const a = sampleSession();
    const b = sampleSession({ id: 'apiKey:production/c2', kind: 'apiKey', accountId: 'production/c2', refreshToken: undefined, expiresAt: undefined });
    await store.save(a);
    await store.save(b);
    await store.save({ ...a, accessToken: 'at-2' });
    assert.deepStrictEqual(await store.ids(), [a.id, b.id]);
    assert.strictEqual((await store.read(a.id))?.accessToken, 'at-2');
    assert.deepStrictEqual((await store.list()).map((s) => s.id), [a.id, b.id]);
    await store.setClientSecret('cid', 'shh');
    assert.strictEqual(await store.clientSecret('cid'), 'shh');
    await store.remove(a.id);
    assert.deepStrictEqual(await store.ids(), [b.id]);
    assert.strictEqual(await store.read(a.id), undefined);
  });

  it('ignores stored data that does not parse, with a log line and no crash', async () => {
    const secrets = new MemorySecrets();
    const warnings: string[] = [];
    const store = new TokenStore(secrets.view(), { ...silentLogger, warn: (m) => warnings.push(m) });
    secrets.data.set('light.sessions', '["x","y"]');
    secrets.data.set('light.session.x', '{not json');
    secrets.data.set('light.session.y', JSON.stringify({ v: 1, id: 'y' }));
    assert.deepStrictEqual(await store.list(), []);
    assert.strictEqual(warnings.length, 2);
    secrets.data.set('light.sessions', '{"oops":1}');
    assert.deepStrictEqual(await store.ids(), []);
  });

  const badValues: Array<[string, Record<string, unknown>, (s: StoredSession) => void]> = [
    ['a string expiresAt', { expiresAt: '1767229200000' }, (x) => assert.ok(typeof x.expiresAt === 'number' && x.expiresAt <= x.createdAt, 'expired, so refreshed')],
    ['NaN expiresAt (stored as null)', { expiresAt: null }, (x) => assert.strictEqual(x.expiresAt, x.createdAt)],
    ['an absurd expiry, centuries away', { expiresAt: 1e300 }, (x) => assert.strictEqual(x.expiresAt, x.createdAt)],
    ['a missing company name', { company: { id: 'c1' } }, (x) => assert.strictEqual(x.company.name, 'Northwind Trading')],
    ['no company and no label', { company: undefined, label: '' }, (x) => assert.ok(x.company.name && x.label && x.company.id === 'c1')],
    ['a string createdAt', { createdAt: 'yesterday' }, (x) => assert.strictEqual(x.createdAt, 0)],
    ['a numeric refreshedAt that is not a time', { refreshedAt: -5 }, (x) => assert.strictEqual(x.refreshedAt, undefined)],
  ];
  for (const [name, change, check] of badValues) {
    it(`repairs a stored session with ${name}, with a log line`, async () => {
      const secrets = new MemorySecrets();
      const warnings: string[] = [];
      const store = new TokenStore(secrets.view(), { ...silentLogger, warn: (m) => warnings.push(m) });
      const s = sampleSession();
      secrets.data.set('light.sessions', JSON.stringify([s.id]));
      secrets.data.set(`light.session.${s.id}`, JSON.stringify({ ...s, ...change }));
      const [read] = await store.list();
      assert.ok(read, 'kept');
      check(read);
      assert.strictEqual(warnings.length, 1, warnings.join('; '));
      assert.match(warnings[0], /repaired/);
    });
  }

  it('ignores a stored session without a token, an id or a known kind', async () => {
    for (const change of [{ accessToken: 42 }, { id: '' }, { kind: 'password' }, { environment: 'mars' }]) {
      const secrets = new MemorySecrets();
      const s = sampleSession();
      secrets.data.set('light.sessions', JSON.stringify([s.id]));
      secrets.data.set(`light.session.${s.id}`, JSON.stringify({ ...s, ...change }));
      assert.deepStrictEqual(await new TokenStore(secrets.view(), silentLogger).list(), [], JSON.stringify(change));
    }
  });

  it('rebuilds an index that does not parse from its copy (and from the stored keys, where VS Code lists them)', async () => {
    const secrets = new MemorySecrets();
    const store = new TokenStore(secrets.view(), silentLogger);
    const a = sampleSession();
    const b = sampleSession({ id: 'oauth:sandbox/c2', accountId: 'sandbox/c2' });
    await store.save(a);
    await store.save(b);
    secrets.data.set('light.sessions', '{corrupt');
    assert.deepStrictEqual((await store.list()).map((x) => x.id), [a.id, b.id], 'from the copy');
    assert.strictEqual(secrets.data.get('light.sessions'), JSON.stringify([a.id, b.id]), 'and written back');
    secrets.data.set('light.sessions', '{corrupt');
    secrets.data.set('light.sessions.copy', '{corrupt too');
    const view = secrets.view();
    const withKeys = new TokenStore({ ...view, keys: async () => [...secrets.data.keys()] }, silentLogger);
    assert.deepStrictEqual((await withKeys.list()).map((x) => x.id).sort(), [a.id, b.id].sort(), 'from the keys');
  });

  it('gives an OAuth sign-in and an API key of the same company two account ids, and moves a stored key to its own', async () => {
    const env = resolveEnvironment('custom', 'http://127.0.0.1:4010');
    const company = { id: 'c1', name: 'Northwind Trading' };
    const oauth = newSession(env, 'oauth', company, { accessToken: 'at-1', refreshToken: 'rt-1', expiresAt: 1, createdAt: 0 });
    const key = newSession(env, 'apiKey', company, { accessToken: 'the-key', createdAt: 0 });
    assert.notStrictEqual(oauth.accountId, key.accountId);
    assert.notStrictEqual(oauth.id, key.id);
    assert.strictEqual(key.accountId, `${oauth.accountId}#api-key`);
    // A key stored before accounts were told apart comes back with its own id.
    const secrets = new MemorySecrets();
    secrets.data.set('light.sessions', JSON.stringify([key.id]));
    secrets.data.set(`light.session.${key.id}`, JSON.stringify({ ...key, accountId: oauth.accountId }));
    const [read] = await new TokenStore(secrets.view(), silentLogger).list();
    assert.strictEqual(read.accountId, key.accountId);
    assert.strictEqual(read.company.id, 'c1');
  });

  it('reports a failing keyring as a storage error that says what to do', async () => {
    const secrets = new MemorySecrets();
    const store = new TokenStore(secrets.view(), silentLogger);
    secrets.failNext = 1;
    await assert.rejects(store.save(sampleSession()), (e: unknown) => e instanceof LightError && e.kind === 'storage' && /keyring/.test(e.message));
  });

  it('tells which session changed, for other windows to follow', async () => {
    const secrets = new MemorySecrets();
    const store = new TokenStore(secrets.view(), silentLogger);
    const seen: string[] = [];
    store.onDidChange((c) => seen.push(c.kind === 'session' ? `${c.kind}:${c.id}` : c.kind));
    await new TokenStore(secrets.view(), silentLogger).save(sampleSession());
    await new Promise((r) => setImmediate(r));
    assert.deepStrictEqual(seen, ['session:oauth:custom:127.0.0.1:4010/c1', 'index']);
  });
});
