import { LightError, toLightError } from '../errors';
import { Clock, Emitter, sleep } from '../events';
import type { Logger } from '../log';
import { resolveEnvironment } from './environment';
import { backoffMs, isExpired, needsRefresh, refreshAt } from './refreshPolicy';
import { OAuthClient, refreshTokens, TokenSet } from './tokenClient';
import type { StoredSession, TokenStore } from './tokenStore';

/** Refreshing, for the session manager: one refresh per account in a window, one across windows (a lease
 *  stored beside the tokens), the timer ahead of expiry, backoff after failures, and the state the UI shows. */

export type SessionStatus = 'valid' | 'refreshing' | 'retrying';

export interface SessionState {
  status: SessionStatus;
  lastRefreshedAt?: number;
  nextRetryAt?: number;
  lastError?: string;
}

/** What the refresher needs from the owner of the sessions. */
export interface RefreshHost {
  current(id: string): StoredSession | undefined;
  /** What is stored now (another window may have refreshed), or this window's copy when storage fails. */
  readStored(id: string): Promise<StoredSession | undefined>;
  /** Only in this window's memory: storage failed, so no lease either. */
  memoryOnly(id: string): boolean;
  persist(session: StoredSession): Promise<void>;
  adopt(session: StoredSession): StoredSession;
  /** Light said the refresh token is dead: the session is over. */
  end(session: StoredSession, reason: string): Promise<void>;
  reportStorage(error: LightError): void;
}

export interface RefresherDeps {
  store: TokenStore;
  clock: Clock;
  logger: Logger;
  /** Identifies this window in refresh leases. */
  windowId: string;
  /** The token endpoint call; replaceable in tests. */
  refresh?: (session: StoredSession, client: OAuthClient, now: () => number) => Promise<TokenSet>;
  /** How long a refresh lease holds, and how long to wait before trusting one we wrote. */
  leaseMs?: number;
  settleMs?: number;
}

const defaultRefresh = (s: StoredSession, client: OAuthClient, now: () => number) =>
  refreshTokens(resolveEnvironment('custom', s.apiBaseUrl), client, s.refreshToken as string, { now });

export class Refresher {
  private readonly inflight = new Map<string, Promise<StoredSession | undefined>>();
  private readonly timers = new Map<string, unknown>();
  private readonly states = new Map<string, SessionState>();
  private readonly failures = new Map<string, number>();
  private readonly stateEmitter = new Emitter<string>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly leaseMs: number;
  private readonly settleMs: number;
  private readonly doRefresh: NonNullable<RefresherDeps['refresh']>;

  constructor(
    private readonly host: RefreshHost,
    private readonly deps: RefresherDeps,
  ) {
    this.leaseMs = deps.leaseMs ?? 20_000;
    this.settleMs = deps.settleMs ?? 40;
    this.doRefresh = deps.refresh ?? defaultRefresh;
  }

  state(id: string): SessionState | undefined {
    return this.states.get(id);
  }

  /** A session is (again) the one in use: valid, timer armed at its refresh point. */
  track(session: StoredSession, tokenChanged: boolean): void {
    if (tokenChanged || !this.states.has(session.id)) {
      this.setState(session.id, { status: 'valid', lastRefreshedAt: session.refreshedAt ?? session.createdAt });
      this.failures.delete(session.id);
      this.arm(session.id);
    } else if (!this.timers.has(session.id)) {
      this.arm(session.id);
    }
  }

  forget(id: string): void {
    this.states.delete(id);
    this.failures.delete(id);
    this.disarm(id);
    this.stateEmitter.fire(id);
  }

  /** One refresh per account in this window, however many callers ask. */
  refresh(id: string, rejectedToken?: string): Promise<StoredSession | undefined> {
    let p = this.inflight.get(id);
    if (!p) {
      p = this.refreshShared(id, rejectedToken).finally(() => this.inflight.delete(id));
      this.inflight.set(id, p);
    }
    return p;
  }

  dispose(): void {
    for (const id of [...this.timers.keys()]) this.disarm(id);
    this.stateEmitter.dispose();
  }

  /** Across windows: re-read what is stored, take a lease, refresh, store the rotated token, release. */
  private async refreshShared(id: string, rejectedToken?: string): Promise<StoredSession | undefined> {
    const { clock, store } = this.deps;
    for (let round = 0; round < 50; round++) {
      const stored = await this.host.readStored(id);
      if (!stored) return undefined;
      const rejected = rejectedToken !== undefined && stored.accessToken === rejectedToken;
      if (!rejected && !needsRefresh(stored, clock.now())) return this.host.adopt(stored);
      if (!stored.refreshToken) return stored;
      const shared = !this.host.memoryOnly(id);
      if (shared && !(await this.takeLease(id))) continue;
      try {
        // Another window may have finished between our first read and the lease.
        const latest = (await this.host.readStored(id)) ?? stored;
        if (latest.refreshToken !== stored.refreshToken) continue;
        return await this.refreshWith(latest);
      } finally {
        if (shared) await store.clearLease(id).catch(() => undefined);
      }
    }
    return this.host.current(id);
  }

  /** True when this window holds the lease; false after waiting for another window's refresh. */
  private async takeLease(id: string): Promise<boolean> {
    const { clock, store, windowId } = this.deps;
    const lease = await store.readLease(id).catch(() => undefined);
    if (lease && lease.owner !== windowId && lease.until > clock.now()) {
      await store.waitForChange(id, Math.min(lease.until - clock.now(), this.leaseMs), clock);
      return false;
    }
    const wrote = await store.writeLease(id, { owner: windowId, until: clock.now() + this.leaseMs }).then(
      () => true,
      () => false,
    );
    if (!wrote) return true; // no shared storage to coordinate through: refresh alone
    await sleep(clock, this.settleMs);
    const mine = await store.readLease(id).catch(() => undefined);
    return !mine || mine.owner === windowId;
  }

  private async refreshWith(session: StoredSession): Promise<StoredSession | undefined> {
    const { clock, logger } = this.deps;
    const id = session.id;
    this.setState(id, { ...this.states.get(id), status: 'refreshing' });
    let tokens: TokenSet;
    try {
      tokens = await this.doRefresh(session, await this.oauthClient(session), () => clock.now());
    } catch (e) {
      return this.refreshFailed(session, toLightError(e));
    }
    const next: StoredSession = {
      ...session,
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken ?? session.refreshToken,
      expiresAt: tokens.expiresAt,
      refreshedAt: clock.now(),
    };
    if (!tokens.refreshToken) logger.warn(`Light's refresh answer for ${session.label} carried no new refresh token; keeping the previous one.`);
    // Rotation: the new refresh token is stored before the new access token goes anywhere.
    await this.host.persist(next);
    logger.info(`Refreshed the Light session for ${session.label}; the new token expires at ${new Date(next.expiresAt ?? 0).toISOString()}.`);
    return this.host.adopt(next);
  }

  private async refreshFailed(used: StoredSession, error: LightError): Promise<StoredSession | undefined> {
    const { clock, logger } = this.deps;
    const id = used.id;
    if (error.kind === 'oauth' && error.code === 'invalid_grant') {
      // Lost a race with another window? Then its tokens are in the store: adopt them.
      const stored = await this.host.readStored(id);
      if (stored && stored.refreshToken !== used.refreshToken) {
        logger.info(`Another window refreshed ${used.label} first; using its tokens.`);
        return this.host.adopt(stored);
      }
      logger.warn(`Light ended the session for ${used.label}: ${error.message}`);
      await this.host.end(used, error.message);
      return undefined;
    }
    const failures = (this.failures.get(id) ?? 0) + 1;
    this.failures.set(id, failures);
    const wait = backoffMs(failures, error.retryAfterSeconds);
    logger.warn(`Refreshing ${used.label} failed (${error.message}${error.detail ? `; ${error.detail}` : ''}); retrying in ${Math.round(wait / 1000)} s.`);
    this.setState(id, { ...this.states.get(id), status: 'retrying', lastError: error.message, nextRetryAt: clock.now() + wait });
    this.arm(id, wait);
    const current = this.host.current(id);
    if (current && isExpired(current, clock.now())) throw error;
    return current;
  }

  private async oauthClient(session: StoredSession): Promise<OAuthClient> {
    const clientId = session.clientId ?? '';
    let secret: string | undefined;
    try {
      secret = await this.deps.store.clientSecret(clientId);
    } catch (e) {
      this.host.reportStorage(toLightError(e));
    }
    if (!secret) {
      throw new LightError('config', `No OAuth client secret is set for client "${clientId}". Run "Light: Set OAuth Client Secret".`);
    }
    return { clientId, clientSecret: secret };
  }

  /** Arms the refresh timer: at the refresh point, or after `retryMs` (a retry, which refreshes even if not due).
   *  A timer that fires before the point (timers round, clocks drift) arms itself again. */
  private arm(id: string, retryMs?: number): void {
    const { clock } = this.deps;
    this.disarm(id);
    const session = this.host.current(id);
    const at = session && refreshAt(session);
    if (at === undefined) return;
    const fire = () => {
      this.timers.delete(id);
      const s = this.host.current(id);
      if (!s) return;
      if (retryMs !== undefined || needsRefresh(s, clock.now())) this.refresh(id).catch(() => undefined);
      else this.arm(id);
    };
    this.timers.set(id, clock.setTimeout(fire, retryMs ?? Math.max(0, Math.ceil(at - clock.now()))));
  }

  private disarm(id: string): void {
    const t = this.timers.get(id);
    if (t !== undefined) this.deps.clock.clearTimeout(t);
    this.timers.delete(id);
  }

  private setState(id: string, state: SessionState): void {
    this.states.set(id, state);
    this.stateEmitter.fire(id);
  }
}
