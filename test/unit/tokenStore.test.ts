import * as assert from 'assert';
import { StoredSession, TokenStore } from '../../src/auth/tokenStore';
import { LightError } from '../../src/errors';
import { silentLogger } from '../../src/log';
import { MemorySecrets } from '../support/memorySecretStore';

export function sampleSession(overrides: Partial<StoredSession> = {}): StoredSession {
  return {
    v: 1,
    id: 'oauth:custom:127.0.0.1:4010/c1',
    kind: 'oauth',
    accountId: 'custom:127.0.0.1:4010/c1',
    label: 'Northwind Trading',
    environment: 'custom',
    apiBaseUrl: 'http://127.0.0.1:4010',
    company: { id: 'c1', name: 'Northwind Trading' },
    clientId: 'light-vscode-dev',
    accessToken: 'at-1',
    refreshToken: 'rt-1',
    expiresAt: Date.UTC(2026, 0, 1) + 3600_000,
    createdAt: Date.UTC(2026, 0, 1),
    ...overrides,
  };
}

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
    store.onDidChange((c) => seen.push(c.kind === 'session' || c.kind === 'lease' ? `${c.kind}:${c.id}` : c.kind));
    await new TokenStore(secrets.view(), silentLogger).save(sampleSession());
    await new Promise((r) => setImmediate(r));
    assert.deepStrictEqual(seen, ['session:oauth:custom:127.0.0.1:4010/c1', 'index']);
  });
});
