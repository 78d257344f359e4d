import type { StoredSession } from './tokenStore';

/** When to refresh and how long to wait after a failure: pure functions of the clock. */

const MIN_MARGIN_MS = 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;
const FIRST_BACKOFF_MS = 5_000;
/** Longer lifetimes are taken as this: Light documents none, and an absurd one must not break a timer. */
export const MAX_TOKEN_LIFETIME_MS = 30 * 24 * 3600_000;

/** Refresh in the last quarter of the token's life (at least 60 s), but never earlier than half-way. */
export function refreshMargin(session: StoredSession): number {
  if (session.expiresAt === undefined) return 0;
  const life = Math.max(0, session.expiresAt - (session.refreshedAt ?? session.createdAt));
  return Math.min(Math.max(MIN_MARGIN_MS, life * 0.25), life * 0.5);
}

export function refreshAt(session: StoredSession): number | undefined {
  if (session.kind !== 'oauth' || session.expiresAt === undefined || !session.refreshToken) return undefined;
  return session.expiresAt - refreshMargin(session);
}

export function needsRefresh(session: StoredSession, now: number): boolean {
  const at = refreshAt(session);
  return at !== undefined && now >= at;
}

export function isExpired(session: StoredSession, now: number): boolean {
  return session.expiresAt !== undefined && now >= session.expiresAt;
}

/** 5 s, 10 s, 20 s … capped at 5 minutes; Light's Retry-After wins when it says more. */
export function backoffMs(failures: number, retryAfterSeconds?: number): number {
  const exp = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.max(0, failures - 1));
  return Math.max(exp, (retryAfterSeconds ?? 0) * 1000);
}
