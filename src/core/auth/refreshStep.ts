import * as l10n from '@vscode/l10n';
import { LightError, toLightError } from '../errors';
import type { Clock } from '../clock';
import { DEFAULT_TIMEOUT_MS } from '../http';
import type { Logger } from '../log';
import { verdict } from '../retryRule';
import { needsRefresh } from './refreshPolicy';
import type { OAuthClient, TokenSet } from './tokenClient';
import type { StoredSession, TokenStore } from './tokenStore';
import { openSuccessor, sealSuccessor } from './handoffSeal';
import { signedOutSince, type WindowCoordinator } from './crossWindow';

/** One refresh of one session across every window of the machine, as a step that returns what happened. It
 *  changes nothing in memory: the session manager applies the outcome. */

export type RefreshOutcome =
  /** New tokens from Light, stored (or kept in memory when storage failed) before anything else sees them. */
  | { kind: 'refreshed'; session: StoredSession }
  /** Nothing to do here: the stored session is fresh, or another window's tokens arrived. */
  | { kind: 'adopted'; session: StoredSession }
  /** Signed out (here or in another window) while the step ran: nothing was stored. */
  | { kind: 'signedOut' }
  /** Light says the refresh token is dead: the user has to sign in again. */
  | { kind: 'dead'; error: LightError }
  /** Worth trying again later. */
  | { kind: 'retry'; error: LightError }
  /** Retrying will not help until the user fixes something (the OAuth client). */
  | { kind: 'configuration'; error: LightError }
  | { kind: 'bug'; error: LightError };

export interface RefreshStepDeps {
  store: TokenStore;
  coordinator: WindowCoordinator;
  clock: Clock;
  logger: Logger;
  /** The token endpoint call. */
  requestTokens(session: StoredSession, client: OAuthClient): Promise<TokenSet>;
  /** What is stored now, or this window's copy where storage failed. */
  readStored(id: string): Promise<StoredSession | undefined>;
  /** Stores the session (or keeps it in memory when storage fails). */
  persist(session: StoredSession): Promise<void>;
}

/** The cross-window lock outlives the longest token request, so that no second window refreshes while one waits. */
export const LOCK_TTL_MS = DEFAULT_TIMEOUT_MS + 10_000;
/** How long a window whose copy of SecretStorage is behind waits for the tokens another window stored. */
export const PROPAGATION_MS = 10_000;

type Seen = RefreshOutcome | { kind: 'due' | 'spentElsewhere'; session: StoredSession };

export async function refreshStep(deps: RefreshStepDeps, id: string, rejectedToken?: string): Promise<RefreshOutcome> {
  let seen = await look(deps, id, rejectedToken);
  if (seen.kind === 'due') {
    const lock = await deps.coordinator.lock(id, LOCK_TTL_MS, LOCK_TTL_MS + 1_000);
    try {
      // Another window may have refreshed while this one waited for the lock.
      seen = await look(deps, id, rejectedToken);
      if (seen.kind === 'due') return await spend(deps, seen.session);
    } finally {
      await lock.release().catch(() => undefined);
    }
  }
  return seen.kind === 'spentElsewhere' ? awaitSuccessor(deps, seen.session) : (seen as RefreshOutcome);
}

/** What the stored session says: gone, fresh, spent by another window (its successor is on the way), or due. */
async function look(deps: RefreshStepDeps, id: string, rejectedToken?: string): Promise<Seen> {
  const stored = await deps.readStored(id);
  if (!stored || (await signedOutSince(deps.coordinator, stored))) return { kind: 'signedOut' };
  if (stored.refreshToken && (await deps.coordinator.spent(id, stored.refreshToken))) return { kind: 'spentElsewhere', session: stored };
  const rejected = rejectedToken !== undefined && stored.accessToken === rejectedToken;
  if (!stored.refreshToken || (!rejected && !needsRefresh(stored, deps.clock.now()))) return { kind: 'adopted', session: stored };
  return { kind: 'due', session: stored };
}

/** Another window spent `spent`'s refresh token. Its successor is opened from what that window sealed with the spent
 *  token (following the chain when it refreshed more than once), and stored in this window's SecretStorage too;
 *  where nothing sealed can be opened, this window waits for SecretStorage to bring the successor. */
async function awaitSuccessor(deps: RefreshStepDeps, spent: StoredSession): Promise<RefreshOutcome> {
  const { clock, store } = deps;
  const latest = await followSealed(deps, spent);
  if (latest !== spent) {
    if (await signedOutSince(deps.coordinator, latest)) return { kind: 'signedOut' };
    await deps.persist(latest);
    return { kind: 'adopted', session: latest };
  }
  const until = clock.now() + PROPAGATION_MS;
  for (;;) {
    const stored = await deps.readStored(spent.id);
    if (!stored || (await signedOutSince(deps.coordinator, stored))) return { kind: 'signedOut' };
    if (stored.refreshToken !== spent.refreshToken) return { kind: 'adopted', session: stored };
    const left = until - clock.now();
    if (left <= 0) {
      return {
        kind: 'retry',
        error: new LightError('timeout', l10n.t('Another VS Code window refreshed the Light session, and its new tokens have not reached this window yet.')),
      };
    }
    await store.waitForChange(spent.id, left, clock);
  }
}

/** The newest session reachable from `session` through sealed successors; `session` itself when none opens. */
async function followSealed(deps: RefreshStepDeps, session: StoredSession): Promise<StoredSession> {
  let current = session;
  for (let hops = 0; hops < 1_000 && current.refreshToken; hops++) {
    const sealed = await deps.coordinator.spent(current.id, current.refreshToken);
    const next = sealed ? openSuccessor(current.refreshToken, current.id, sealed) : undefined;
    if (!next) break;
    current = next;
  }
  return current;
}

/** Spends the refresh token: the successor is recorded (sealed) at once, stored, and only then handed on. */
async function spend(deps: RefreshStepDeps, session: StoredSession): Promise<RefreshOutcome> {
  const { clock, coordinator, logger } = deps;
  const used = session.refreshToken as string;
  let tokens: TokenSet;
  try {
    tokens = await deps.requestTokens(session, await oauthClient(deps, session));
  } catch (e) {
    return failed(deps, session, toLightError(e));
  }
  const next: StoredSession = { ...session, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? used, expiresAt: tokens.expiresAt, refreshedAt: clock.now() };
  if (next.refreshToken !== used) await coordinator.recordSpent(session.id, used, sealSuccessor(used, next));
  else logger.warn(`Light's refresh answer for ${session.label} carried no new refresh token; keeping the previous one.`);
  // Sign-out wins: a session signed out, or replaced by a new sign-in, while Light answered stores nothing.
  const current = await deps.readStored(session.id);
  if (!current || (await signedOutSince(deps.coordinator, session))) return { kind: 'signedOut' };
  if (current.createdAt !== session.createdAt) return { kind: 'adopted', session: current };
  await deps.persist(next);
  if (await signedOutSince(deps.coordinator, session)) {
    await deps.store.remove(session.id).catch(() => undefined);
    return { kind: 'signedOut' };
  }
  logger.info(`Refreshed the Light session for ${session.label}; the new token expires at ${new Date(next.expiresAt ?? 0).toISOString()}.`);
  return { kind: 'refreshed', session: next };
}

async function failed(deps: RefreshStepDeps, used: StoredSession, error: LightError): Promise<RefreshOutcome> {
  switch (verdict(error, 'token')) {
    case 'sessionDead': {
      // A window this one could not see may have spent the token first: then its tokens are on their way.
      if (await deps.coordinator.spent(used.id, used.refreshToken as string)) return awaitSuccessor(deps, used);
      const stored = await deps.readStored(used.id);
      if (stored && stored.refreshToken !== used.refreshToken) return { kind: 'adopted', session: stored };
      return { kind: 'dead', error };
    }
    case 'configuration':
      return { kind: 'configuration', error };
    case 'bug':
      return { kind: 'bug', error };
    default:
      return { kind: 'retry', error };
  }
}

async function oauthClient(deps: RefreshStepDeps, session: StoredSession): Promise<OAuthClient> {
  const clientId = session.clientId ?? '';
  const secret = await deps.store.clientSecret(clientId);
  if (!secret) {
    throw new LightError('config', l10n.t('No OAuth client secret is set for client "{0}". Run "Light: Set OAuth Client Secret".', clientId));
  }
  return { clientId, clientSecret: secret };
}
