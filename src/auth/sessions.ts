import { LightError, toLightError } from '../errors';
import { Clock, Disposable, Emitter, sleep } from '../events';
import type { Logger } from '../log';
import { resolveEnvironment } from './environment';
import { backoffMs, isExpired, needsRefresh, refreshAt } from './refreshPolicy';
import { OAuthClient, refreshTokens, TokenSet } from './tokenClient';
import type { StoredSession, TokenStore } from './tokenStore';

/** The one owner of sessions: what is signed in, fresh tokens on demand, and what every window agrees on. */

export type SessionStatus = 'valid' | 'refreshing' | 'retrying' | 'expired';

export interface SessionState {
  status: SessionStatus;
  lastRefreshedAt?: number;
  nextRetryAt?: number;
  lastError?: string;
}

export interface SessionsChange {
  added: StoredSession[];
  removed: StoredSession[];
  changed: StoredSession[];
}

export interface SessionEnded {
  session: StoredSession;
  reason: string;
}

export interface SessionManagerDeps {
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

export class SessionManager implements Disposable {
  private readonly cache = new Map<string, StoredSession>();
  private readonly states = new Map<string, SessionState>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, unknown>();
  private readonly inflight = new Map<string, Promise<StoredSession | undefined>>();
  /** Sessions that could not be stored: they live in this window only. */
  private readonly memoryOnly = new Set<string>();
  private readonly subscriptions: Disposable[] = [];
  private readonly leaseMs: number;
  private readonly settleMs: number;
  private readonly doRefresh: NonNullable<SessionManagerDeps['refresh']>;

  private readonly sessionsEmitter = new Emitter<SessionsChange>();
  readonly onDidChangeSessions = this.sessionsEmitter.event;
  private readonly stateEmitter = new Emitter<string>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly endedEmitter = new Emitter<SessionEnded>();
  readonly onDidEndSession = this.endedEmitter.event;
  private readonly storageEmitter = new Emitter<LightError>();
  readonly onStorageError = this.storageEmitter.event;

  constructor(private readonly deps: SessionManagerDeps) {
    this.leaseMs = deps.leaseMs ?? 20_000;
    this.settleMs = deps.settleMs ?? 40;
    this.doRefresh = deps.refresh ?? defaultRefresh;
    this.subscriptions.push(
      deps.store.onDidChange((c) => {
        if (c.kind === 'session') void this.reload(c.id);
        else if (c.kind === 'index') void this.reloadIndex();
      }),
    );
  }

  /** Loads what is stored; no network. A store that fails leaves an empty, working manager. */
  async initialize(): Promise<void> {
    let stored: StoredSession[] = [];
    try {
      stored = await this.deps.store.list();
    } catch (e) {
      this.reportStorage(toLightError(e));
    }
    for (const s of stored) this.adopt(s, false);
    if (stored.length) this.sessionsEmitter.fire({ added: stored, removed: [], changed: [] });
  }

  sessions(): StoredSession[] {
    return [...this.cache.values()];
  }

  get(id: string): StoredSession | undefined {
    return this.cache.get(id);
  }

  state(id: string): SessionState | undefined {
    return this.states.get(id);
  }

  /** The session with a token that is good for a while yet, refreshing first when it is due. */
  async fresh(id: string): Promise<StoredSession | undefined> {
    const current = this.cache.get(id);
    if (!current || !needsRefresh(current, this.deps.clock.now())) return current;
    return this.refresh(id);
  }

  async freshAll(): Promise<StoredSession[]> {
    const all = await Promise.all([...this.cache.keys()].map((id) => this.fresh(id)));
    return all.filter((s): s is StoredSession => !!s);
  }

  /** After Light refused `rejectedToken` (a 401): refresh unless another caller already did. */
  async refreshAfterRejection(id: string, rejectedToken: string): Promise<StoredSession | undefined> {
    const current = this.cache.get(id);
    if (!current || current.accessToken !== rejectedToken) return current;
    return this.refresh(id, rejectedToken);
  }

  /** Refreshes due sessions; for window focus and wake from sleep, when timers may have slept. */
  checkAll(): void {
    for (const id of this.cache.keys()) void this.fresh(id);
  }

  async add(session: StoredSession): Promise<void> {
    const existed = this.cache.has(session.id);
    await this.persist(session);
    this.adopt(session, false);
    this.setState(session.id, { status: 'valid', lastRefreshedAt: session.refreshedAt ?? session.createdAt });
    this.sessionsEmitter.fire(existed ? { added: [], removed: [], changed: [session] } : { added: [session], removed: [], changed: [] });
  }

  async remove(id: string): Promise<StoredSession | undefined> {
    const session = this.cache.get(id);
    try {
      await this.deps.store.remove(id);
    } catch (e) {
      this.reportStorage(toLightError(e));
    }
    if (session) this.drop(id);
    return session;
  }

  dispose(): void {
    for (const t of this.timers.values()) this.deps.clock.clearTimeout(t);
    this.timers.clear();
    for (const s of this.subscriptions) s.dispose();
    this.sessionsEmitter.dispose();
    this.stateEmitter.dispose();
    this.endedEmitter.dispose();
    this.storageEmitter.dispose();
  }

  // ---- refresh -------------------------------------------------------------------------------

  /** One refresh per account in this window, however many callers ask. */
  private refresh(id: string, rejectedToken?: string): Promise<StoredSession | undefined> {
    let p = this.inflight.get(id);
    if (!p) {
      p = this.refreshShared(id, rejectedToken).finally(() => this.inflight.delete(id));
      this.inflight.set(id, p);
    }
    return p;
  }

  /** Across windows: re-read what is stored, take a lease, refresh, store the rotated token, release. */
  private async refreshShared(id: string, rejectedToken?: string): Promise<StoredSession | undefined> {
    const { clock, store, windowId } = this.deps;
    for (let round = 0; round < 50; round++) {
      const stored = await this.readStored(id);
      if (!stored) return undefined;
      const rejected = rejectedToken !== undefined && stored.accessToken === rejectedToken;
      if (!rejected && !needsRefresh(stored, clock.now())) return this.adopt(stored, true);
      if (!stored.refreshToken) return stored;

      if (!this.memoryOnly.has(id)) {
        const lease = await store.readLease(id).catch(() => undefined);
        if (lease && lease.owner !== windowId && lease.until > clock.now()) {
          await this.waitForChange(id, Math.min(lease.until - clock.now(), this.leaseMs));
          continue;
        }
        const wrote = await store.writeLease(id, { owner: windowId, until: clock.now() + this.leaseMs }).then(
          () => true,
          () => false,
        );
        if (wrote) {
          await sleep(clock, this.settleMs);
          const mine = await store.readLease(id).catch(() => undefined);
          if (mine && mine.owner !== windowId) continue;
        }
      }
      try {
        // Another window may have finished between our first read and the lease.
        const latest = (await this.readStored(id)) ?? stored;
        if (latest.refreshToken !== stored.refreshToken) continue;
        return await this.refreshWith(latest);
      } finally {
        if (!this.memoryOnly.has(id)) await store.clearLease(id).catch(() => undefined);
      }
    }
    return this.cache.get(id);
  }

  private async refreshWith(session: StoredSession): Promise<StoredSession | undefined> {
    const { clock, logger } = this.deps;
    const id = session.id;
    this.setState(id, { ...this.states.get(id), status: 'refreshing' });
    const client = await this.oauthClient(session);
    let tokens: TokenSet;
    try {
      tokens = await this.doRefresh(session, client, () => clock.now());
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
    await this.persist(next);
    this.failures.delete(id);
    logger.info(`Refreshed the Light session for ${session.label}; the new token expires at ${new Date(next.expiresAt ?? 0).toISOString()}.`);
    this.adopt(next, true);
    this.setState(id, { status: 'valid', lastRefreshedAt: next.refreshedAt });
    return next;
  }

  private async refreshFailed(used: StoredSession, error: LightError): Promise<StoredSession | undefined> {
    const { clock, logger } = this.deps;
    const id = used.id;
    if (error.kind === 'oauth' && error.code === 'invalid_grant') {
      // Lost a race with another window? Then its tokens are in the store: adopt them.
      const stored = await this.readStored(id);
      if (stored && stored.refreshToken !== used.refreshToken) {
        logger.info(`Another window refreshed ${used.label} first; using its tokens.`);
        return this.adopt(stored, true);
      }
      logger.warn(`Light ended the session for ${used.label}: ${error.message}`);
      await this.remove(id);
      this.endedEmitter.fire({ session: used, reason: error.message });
      return undefined;
    }
    const failures = (this.failures.get(id) ?? 0) + 1;
    this.failures.set(id, failures);
    const wait = backoffMs(failures, error.retryAfterSeconds);
    logger.warn(`Refreshing ${used.label} failed (${error.message}${error.detail ? `; ${error.detail}` : ''}); retrying in ${Math.round(wait / 1000)} s.`);
    this.setState(id, {
      ...this.states.get(id),
      status: 'retrying',
      lastError: error.message,
      nextRetryAt: clock.now() + wait,
    });
    this.arm(id, wait);
    const current = this.cache.get(id);
    if (current && isExpired(current, clock.now())) throw error;
    return current;
  }

  private async oauthClient(session: StoredSession): Promise<OAuthClient> {
    const clientId = session.clientId ?? '';
    let secret: string | undefined;
    try {
      secret = await this.deps.store.clientSecret(clientId);
    } catch (e) {
      this.reportStorage(toLightError(e));
    }
    if (!secret) {
      throw new LightError('config', `No OAuth client secret is set for client "${clientId}". Run "Light: Set OAuth Client Secret".`);
    }
    return { clientId, clientSecret: secret };
  }

  // ---- storage and cache ---------------------------------------------------------------------

  private async persist(session: StoredSession): Promise<void> {
    try {
      await this.deps.store.save(session);
      this.memoryOnly.delete(session.id);
    } catch (e) {
      this.memoryOnly.add(session.id);
      this.reportStorage(toLightError(e));
    }
  }

  private async readStored(id: string): Promise<StoredSession | undefined> {
    if (this.memoryOnly.has(id)) return this.cache.get(id);
    try {
      return await this.deps.store.read(id);
    } catch (e) {
      this.reportStorage(toLightError(e));
      this.memoryOnly.add(id);
      return this.cache.get(id);
    }
  }

  /** Makes `session` the one this window uses; fires `changed` when it differs from what we had. */
  private adopt(session: StoredSession, announce: boolean): StoredSession {
    const before = this.cache.get(session.id);
    this.cache.set(session.id, session);
    if (!this.states.has(session.id) || before?.accessToken !== session.accessToken) {
      this.setState(session.id, { status: 'valid', lastRefreshedAt: session.refreshedAt ?? session.createdAt });
      this.failures.delete(session.id);
      this.arm(session.id);
    } else if (!this.timers.has(session.id)) {
      this.arm(session.id);
    }
    if (announce && before && JSON.stringify(before) !== JSON.stringify(session)) {
      this.sessionsEmitter.fire({ added: [], removed: [], changed: [session] });
    }
    return session;
  }

  private drop(id: string): void {
    const session = this.cache.get(id);
    this.cache.delete(id);
    this.states.delete(id);
    this.failures.delete(id);
    this.memoryOnly.delete(id);
    const t = this.timers.get(id);
    if (t !== undefined) this.deps.clock.clearTimeout(t);
    this.timers.delete(id);
    if (session) this.sessionsEmitter.fire({ added: [], removed: [session], changed: [] });
    this.stateEmitter.fire(id);
  }

  /** Another window changed a stored session: follow it. */
  private async reload(id: string): Promise<void> {
    if (this.memoryOnly.has(id)) return;
    let stored: StoredSession | undefined;
    try {
      stored = await this.deps.store.read(id);
    } catch {
      return;
    }
    if (!stored) {
      if (this.cache.has(id)) this.drop(id);
      return;
    }
    const isNew = !this.cache.has(id);
    this.adopt(stored, true);
    if (isNew) this.sessionsEmitter.fire({ added: [stored], removed: [], changed: [] });
  }

  private async reloadIndex(): Promise<void> {
    let ids: string[];
    try {
      ids = await this.deps.store.ids();
    } catch {
      return;
    }
    for (const id of ids) if (!this.cache.has(id)) await this.reload(id);
    for (const id of [...this.cache.keys()]) if (!ids.includes(id) && !this.memoryOnly.has(id)) this.drop(id);
  }

  private waitForChange(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.deps.clock.setTimeout(done, Math.max(1, ms));
      const sub = this.deps.store.onDidChange((c) => {
        if (c.kind !== 'index' && c.kind !== 'clientSecret' && c.id === id) done();
      });
      const clock = this.deps.clock;
      function done() {
        clock.clearTimeout(timer);
        sub.dispose();
        resolve();
      }
    });
  }

  /** Arms the refresh timer: at the refresh point, or after `delayMs` (a retry). */
  private arm(id: string, delayMs?: number): void {
    const { clock } = this.deps;
    const old = this.timers.get(id);
    if (old !== undefined) clock.clearTimeout(old);
    this.timers.delete(id);
    const session = this.cache.get(id);
    const at = session && refreshAt(session);
    if (at === undefined) return;
    const wait = delayMs ?? Math.max(0, at - clock.now());
    this.timers.set(
      id,
      clock.setTimeout(() => {
        this.timers.delete(id);
        const s = this.cache.get(id);
        if (!s) return;
        (delayMs !== undefined ? this.refresh(id) : this.fresh(id)).catch(() => undefined);
      }, wait),
    );
  }

  private setState(id: string, state: SessionState): void {
    this.states.set(id, state);
    this.stateEmitter.fire(id);
  }

  private reportStorage(error: LightError): void {
    this.deps.logger.error(`${error.message}${error.detail ? ` (${error.detail})` : ''}`);
    this.storageEmitter.fire(error);
  }
}
