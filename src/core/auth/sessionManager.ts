import * as l10n from '@vscode/l10n';
import { LightError, toLightError } from '../errors';
import { Clock, within } from '../clock';
import { Disposable, Emitter } from '../events';
import { registerSecret, type Logger } from '../log';
import { backoffMs, isExpired, needsRefresh, refreshAt } from './refreshPolicy';
import { sealSuccessor } from './handoffSeal';
import { RefreshOutcome, refreshStep, RefreshStepDeps } from './refreshStep';
import { RefreshTimers } from './refreshTimers';
import { SingleFlight } from './singleFlight';
import { onFirstUse } from '../firstUse';
import type { OAuthClient, TokenSet } from './tokenClient';
import type { StoredSession, TokenStore } from './tokenStore';
import { signedOutSince, type WindowCoordinator } from './crossWindow';
import { resolveEnvironment } from './environment';

/** The one owner of sessions: what is signed in, its refresh state and timer, fresh tokens on demand, and what
 *  every window agrees on. A refresh is a step (refreshStep.ts) whose outcome only this class applies. */

export type SessionStatus = 'valid' | 'refreshing' | 'retrying' | 'needsAttention';

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

export interface SessionNeedsAttention {
  session: StoredSession;
  error: LightError;
}

export interface SessionManagerDeps {
  store: TokenStore;
  coordinator: WindowCoordinator;
  clock: Clock;
  logger: Logger;
  /** The token endpoint call; replaceable in tests. */
  requestTokens?: (session: StoredSession, client: OAuthClient, clock: Clock) => Promise<TokenSet>;
}

/** How long a hand-out waits for a refresh: briefly while the token it has still works, longer once it expired.
 *  Past the bound the caller gets the still-valid token (or an error saying the refresh goes on); the refresh
 *  itself continues in the background. */
export const HANDOUT_WAIT_VALID_MS = 5_000;
export const HANDOUT_WAIT_EXPIRED_MS = 30_000;

/** The token endpoint's client, its own part of the bundle: loaded by the first refresh. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tokenClient = onFirstUse(() => require('./tokenClient') as typeof import('./tokenClient'));

const defaultRequestTokens = async (s: StoredSession, client: OAuthClient, clock: Clock) => {
  const tokens = await tokenClient().refreshTokens(resolveEnvironment('custom', s.apiBaseUrl), client, s.refreshToken as string, { clock });
  // The token client registers them in its own part of the bundle; `redact` here must know them before they are stored.
  registerSecret(tokens.accessToken);
  registerSecret(tokens.refreshToken);
  return tokens;
};

export class SessionManager implements Disposable {
  private readonly cache = new Map<string, StoredSession>();
  private readonly states = new Map<string, SessionState>();
  private readonly failures = new Map<string, number>();
  /** Sessions that could not be stored: they live in this window only. */
  private readonly memoryOnly = new Set<string>();
  private readonly refreshes = new SingleFlight<string, StoredSession | undefined>();
  private readonly subscription: Disposable;
  private readonly stepDeps: RefreshStepDeps;
  private readonly timers: RefreshTimers;

  private readonly sessionsEmitter = new Emitter<SessionsChange>();
  readonly onDidChangeSessions = this.sessionsEmitter.event;
  private readonly stateEmitter = new Emitter<string>();
  readonly onDidChangeState = this.stateEmitter.event;
  private readonly endedEmitter = new Emitter<SessionEnded>();
  readonly onDidEndSession = this.endedEmitter.event;
  private readonly attentionEmitter = new Emitter<SessionNeedsAttention>();
  readonly onDidNeedAttention = this.attentionEmitter.event;
  private readonly storageEmitter = new Emitter<LightError>();
  readonly onStorageError = this.storageEmitter.event;

  constructor(private readonly deps: SessionManagerDeps) {
    const requestTokens = deps.requestTokens ?? defaultRequestTokens;
    this.timers = new RefreshTimers(deps.clock, (id) => {
      const session = this.cache.get(id);
      return session && refreshAt(session);
    });
    this.stepDeps = {
      store: deps.store,
      coordinator: deps.coordinator,
      clock: deps.clock,
      logger: deps.logger,
      requestTokens: (s, client) => requestTokens(s, client, deps.clock),
      readStored: (id) => this.readStored(id),
      persist: (s) => this.persist(s),
    };
    this.subscription = deps.store.onDidChange((c) => {
      if (c.kind === 'session') void this.reload(c.id);
      else if (c.kind === 'index') void this.reloadIndex();
      else if (c.kind === 'clientSecret') this.clientSecretChanged(c.clientId);
    });
  }

  /** Loads what is stored; no network. A store that fails leaves an empty, working manager. */
  async initialize(): Promise<void> {
    let stored: StoredSession[] = [];
    try {
      stored = await this.deps.store.list();
    } catch (e) {
      this.reportStorage(toLightError(e));
    }
    const live: StoredSession[] = [];
    for (const s of stored) if (!(await this.signedOutElsewhere(s))) live.push(this.adopt(s, false));
    if (live.length) this.sessionsEmitter.fire({ added: live, removed: [], changed: [] });
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

  /** The session with a token that is good for a while yet, refreshing first when it is due; waits at most
   *  HANDOUT_WAIT_VALID_MS while the current token still works, HANDOUT_WAIT_EXPIRED_MS once it expired. */
  async fresh(id: string): Promise<StoredSession | undefined> {
    const current = this.cache.get(id);
    const now = this.deps.clock.now();
    if (!current || !needsRefresh(current, now)) return current;
    const expired = isExpired(current, now);
    if (this.states.get(id)?.status === 'needsAttention') {
      if (!expired) return current;
      throw new LightError('config', this.states.get(id)?.lastError ?? l10n.t('The Light session needs attention.'));
    }
    return within(this.deps.clock, this.refresh(id), expired ? HANDOUT_WAIT_EXPIRED_MS : HANDOUT_WAIT_VALID_MS, () => {
      const latest = this.cache.get(id);
      if (latest && !isExpired(latest, this.deps.clock.now())) return latest;
      throw new LightError('timeout', l10n.t('Refreshing the Light session is taking longer than usual; it goes on in the background. Try again in a moment.'));
    });
  }

  /** Like `fresh`, but when the refresh fails for now, the session as it is (its token may still work). */
  freshOrKept(id: string): Promise<StoredSession | undefined> {
    return this.fresh(id).catch(() => this.cache.get(id));
  }

  /** After Light refused `rejectedToken` (a 401): refresh unless another caller already did. */
  async refreshAfterRejection(id: string, rejectedToken: string): Promise<StoredSession | undefined> {
    const current = this.cache.get(id);
    if (!current || current.accessToken !== rejectedToken) return current;
    return this.refresh(id, rejectedToken);
  }

  /** Refreshes due sessions; for window focus and wake from sleep, when timers may have slept. */
  checkAll(): void {
    for (const id of this.cache.keys()) void this.fresh(id).catch(() => undefined);
  }

  /** A new sign-in; it replaces the session of the same account. */
  async add(session: StoredSession): Promise<StoredSession> {
    // A sign-in is newer than any sign-out of the same account, whatever the clock did in between.
    const signedOutAt = await this.deps.coordinator.signedOutAt(session.id);
    const added = signedOutAt !== undefined && signedOutAt >= session.createdAt ? { ...session, createdAt: signedOutAt + 1 } : session;
    const before = this.cache.get(added.id);
    // Windows that still hold the replaced session's refresh token take the new sign-in instead of spending it.
    if (before?.refreshToken && before.refreshToken !== added.refreshToken) {
      await this.deps.coordinator.recordSpent(added.id, before.refreshToken, sealSuccessor(before.refreshToken, added));
    }
    const existed = !!before;
    await this.persist(added);
    this.adopt(added, false);
    this.sessionsEmitter.fire(existed ? { added: [], removed: [], changed: [added] } : { added: [added], removed: [], changed: [] });
    return added;
  }

  /** Signs out: recorded for every window first, so a refresh that finishes later anywhere stores nothing. */
  async remove(id: string): Promise<StoredSession | undefined> {
    const session = this.cache.get(id);
    await this.deps.coordinator.recordSignOut(id, Math.max(this.deps.clock.now(), session?.createdAt ?? 0));
    this.drop(id);
    try {
      await this.deps.store.remove(id);
    } catch (e) {
      this.reportStorage(toLightError(e));
    }
    return session;
  }

  dispose(): void {
    this.timers.dispose();
    this.subscription.dispose();
    for (const e of [this.sessionsEmitter, this.stateEmitter, this.endedEmitter, this.attentionEmitter, this.storageEmitter]) e.dispose();
  }

  // ---- refreshing -------------------------------------------------------------------------------------------

  /** One refresh per account in this window, however many callers ask. */
  private refresh(id: string, rejectedToken?: string): Promise<StoredSession | undefined> {
    return this.refreshes.run(id, async () => {
      const before = this.cache.get(id);
      if (!before) return undefined;
      this.setState(id, { ...this.states.get(id), status: 'refreshing' });
      const outcome = await refreshStep(this.stepDeps, id, rejectedToken).catch((e): RefreshOutcome => ({ kind: 'bug', error: toLightError(e) }));
      return this.apply(before, outcome);
    });
  }

  private async apply(before: StoredSession, outcome: RefreshOutcome): Promise<StoredSession | undefined> {
    const { logger, clock } = this.deps;
    const id = before.id;
    switch (outcome.kind) {
      case 'refreshed':
      case 'adopted':
        // Signed out in this window while the step ran: the step stored nothing, and nothing comes back.
        if (!this.cache.has(id)) return undefined;
        if (outcome.kind === 'adopted' && outcome.session.refreshToken !== before.refreshToken) logger.info(`Another window refreshed ${before.label}; using its tokens.`);
        return this.adopt(outcome.session, true);
      case 'signedOut':
        this.drop(id);
        return undefined;
      case 'dead': {
        logger.warn(`Light ended the session for ${before.label}: ${outcome.error.message}`);
        // Forgotten here first: the store's own change event must not be the one that drops it, unannounced.
        const had = this.drop(id);
        await this.deps.store.remove(id).catch((e) => this.reportStorage(toLightError(e)));
        if (had) this.endedEmitter.fire({ session: before, reason: outcome.error.message });
        return undefined;
      }
      case 'configuration':
        logger.error(`Refreshing ${before.label} needs attention: ${outcome.error.message}${outcome.error.detail ? ` (${outcome.error.detail})` : ''}`);
        this.timers.disarm(id);
        this.setState(id, { ...this.states.get(id), status: 'needsAttention', lastError: outcome.error.message, nextRetryAt: undefined });
        this.attentionEmitter.fire({ session: before, error: outcome.error });
        break;
      case 'bug':
      case 'retry': {
        const failures = (this.failures.get(id) ?? 0) + 1;
        this.failures.set(id, failures);
        const wait = backoffMs(failures, outcome.error.retryAfterSeconds);
        const { message, detail } = outcome.error;
        if (outcome.kind === 'bug') logger.error(`Bug while refreshing ${before.label}: ${detail ?? message}; retrying in ${Math.round(wait / 1000)} s.`);
        else logger.warn(`Refreshing ${before.label} failed (${message}${detail ? `; ${detail}` : ''}); retrying in ${Math.round(wait / 1000)} s.`);
        this.setState(id, { ...this.states.get(id), status: 'retrying', lastError: message, nextRetryAt: clock.now() + wait });
        this.arm(id, wait);
        break;
      }
    }
    const current = this.cache.get(id);
    if (current && isExpired(current, clock.now())) throw outcome.error;
    return current;
  }

  /** Arms the refresh timer: at the refresh point, or after `retryMs` (a retry, which refreshes even if not due). */
  private arm(id: string, retryMs?: number): void {
    this.timers.arm(id, retryMs, () => {
      const s = this.cache.get(id);
      if (!s) return 'stop';
      if (retryMs === undefined && !needsRefresh(s, this.deps.clock.now())) return 'notYet';
      this.refresh(id).catch(() => undefined);
      return 'stop';
    });
  }

  private setState(id: string, state: SessionState): void {
    this.states.set(id, state);
    this.stateEmitter.fire(id);
  }

  /** A new client secret may fix what stopped the refresh of the sessions of that client: try again. */
  private clientSecretChanged(clientId: string): void {
    for (const s of this.cache.values()) {
      if (s.clientId !== clientId || this.states.get(s.id)?.status !== 'needsAttention') continue;
      this.setState(s.id, { ...this.states.get(s.id), status: 'valid', lastError: undefined });
      void this.refresh(s.id).catch(() => undefined);
    }
  }

  // ---- the sessions of this window, and following the others -------------------------------------------------

  /** Makes `session` the one this window uses (valid, timer armed); fires `changed` when it differs. */
  private adopt(session: StoredSession, announce: boolean): StoredSession {
    const before = this.cache.get(session.id);
    // A copy that crossed a newer refresh on its way here (two windows' writes flushed out of order) is not taken.
    if (before && isOlderRefresh(session, before)) return before;
    this.cache.set(session.id, session);
    if (before?.accessToken !== session.accessToken || !this.states.has(session.id)) {
      this.setState(session.id, { status: 'valid', lastRefreshedAt: session.refreshedAt ?? session.createdAt });
      this.failures.delete(session.id);
      this.arm(session.id);
    } else if (!this.timers.armed(session.id) && this.states.get(session.id)?.status !== 'needsAttention') {
      this.arm(session.id);
    }
    if (announce && before && JSON.stringify(before) !== JSON.stringify(session)) {
      this.sessionsEmitter.fire({ added: [], removed: [], changed: [session] });
    }
    return session;
  }

  /** Forgets a session in this window; true when it was there. */
  private drop(id: string): boolean {
    const session = this.cache.get(id);
    this.cache.delete(id);
    this.memoryOnly.delete(id);
    this.states.delete(id);
    this.failures.delete(id);
    this.timers.disarm(id);
    this.stateEmitter.fire(id);
    if (session) this.sessionsEmitter.fire({ added: [], removed: [session], changed: [] });
    return !!session;
  }

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

  /** A session stored before its account was signed out (a refresh in another window that finished late). */
  private async signedOutElsewhere(session: StoredSession): Promise<boolean> {
    if (!(await signedOutSince(this.deps.coordinator, session))) return false;
    await this.deps.store.remove(session.id).catch(() => undefined);
    return true;
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
    if (!stored || (await this.signedOutElsewhere(stored))) {
      if (this.cache.has(id)) this.drop(id);
      return;
    }
    const cached = this.cache.get(id);
    if (cached && isOlderRefresh(stored, cached)) {
      // Put the newer copy back, so that every window's copy and the shared store end on it.
      await this.persist(cached);
      return;
    }
    this.adopt(stored, true);
    if (!cached) this.sessionsEmitter.fire({ added: [stored], removed: [], changed: [] });
  }

  private async reloadIndex(): Promise<void> {
    let ids: string[];
    try {
      ids = await this.deps.store.ids();
    } catch {
      return;
    }
    for (const id of ids) if (!this.cache.has(id)) await this.reload(id);
    for (const id of [...this.cache.keys()]) {
      if (ids.includes(id) || this.memoryOnly.has(id)) continue;
      // Two windows that add sessions at once can overwrite each other's index entry: put a lost one back.
      const stored = await this.deps.store.read(id).catch(() => undefined);
      if (stored && !(await this.signedOutElsewhere(stored))) await this.deps.store.save(stored).catch(() => undefined);
      else this.drop(id);
    }
  }

  private reportStorage(error: LightError): void {
    this.deps.logger.error(`${error.message}${error.detail ? ` (${error.detail})` : ''}`);
    this.storageEmitter.fire(error);
  }

}

/** `a` is an earlier refresh of the same sign-in as `b`. */
function isOlderRefresh(a: StoredSession, b: StoredSession): boolean {
  return a.createdAt === b.createdAt && (a.refreshedAt ?? a.createdAt) < (b.refreshedAt ?? b.createdAt);
}
