import type { StoredSession } from '../../src/core/auth/tokenStore';

/** A stored OAuth session of the simulator's first company, as the token store keeps it; `overrides` change any field. */
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
