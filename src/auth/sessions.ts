import { LightError, toLightError } from '../errors';
import { Disposable, Emitter } from '../events';
import { needsRefresh } from './refreshPolicy';
import { Refresher, RefresherDeps, SessionState } from './refresher';
import type { StoredSession } from './tokenStore';

/** The one owner of sessions: what is signed in, fresh tokens on demand, and what every window agrees on. */

export type { SessionState, SessionStatus } from './refresher';

export interface SessionsChange {
  added: StoredSession[];
  removed: StoredSession[];
  changed: StoredSession[];
}

export interface SessionEnded {
  session: StoredSession;
  reason: string;
}

export type SessionManagerDeps = RefresherDeps;

export class SessionManager implements Disposable {
  private readonly cache = new Map<string, StoredSession>();
  /** Sessions that could not be stored: they live in this window only. */
  private readonly memoryOnly = new Set<string>();
  private readonly refresher: Refresher;
  private readonly subscription: Disposable;

  private readonly sessionsEmitter = new Emitter<SessionsChange>();
  readonly onDidChangeSessions = this.sessionsEmitter.event;
  readonly onDidChangeState: Refresher['onDidChangeState'];
  private readonly endedEmitter = new Emitter<SessionEnded>();
  readonly onDidEndSession = this.endedEmitter.event;
  private readonly storageEmitter = new Emitter<LightError>();
  readonly onStorageError = this.storageEmitter.event;

  constructor(private readonly deps: SessionManagerDeps) {
    this.refresher = new Refresher(
      {
        current: (id) => this.cache.get(id),
        readStored: (id) => this.readStored(id),
        memoryOnly: (id) => this.memoryOnly.has(id),
        persist: (s) => this.persist(s),
        adopt: (s) => this.adopt(s, true),
        end: async (s, reason) => {
          await this.remove(s.id);
          this.endedEmitter.fire({ session: s, reason });
        },
        reportStorage: (e) => this.reportStorage(e),
      },
      deps,
    );
    this.onDidChangeState = this.refresher.onDidChangeState;
    this.subscription = deps.store.onDidChange((c) => {
      if (c.kind === 'session') void this.reload(c.id);
      else if (c.kind === 'index') void this.reloadIndex();
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
    return this.refresher.state(id);
  }

  /** The session with a token that is good for a while yet, refreshing first when it is due. */
  async fresh(id: string): Promise<StoredSession | undefined> {
    const current = this.cache.get(id);
    if (!current || !needsRefresh(current, this.deps.clock.now())) return current;
    return this.refresher.refresh(id);
  }

  /** Like `fresh`, but when the refresh fails for now, the session as it is (its token may still work). */
  freshOrKept(id: string): Promise<StoredSession | undefined> {
    return this.fresh(id).catch(() => this.cache.get(id));
  }

  /** After Light refused `rejectedToken` (a 401): refresh unless another caller already did. */
  async refreshAfterRejection(id: string, rejectedToken: string): Promise<StoredSession | undefined> {
    const current = this.cache.get(id);
    if (!current || current.accessToken !== rejectedToken) return current;
    return this.refresher.refresh(id, rejectedToken);
  }

  /** Refreshes due sessions; for window focus and wake from sleep, when timers may have slept. */
  checkAll(): void {
    for (const id of this.cache.keys()) void this.fresh(id).catch(() => undefined);
  }

  /** A new sign-in; it replaces the session of the same account. */
  async add(session: StoredSession): Promise<void> {
    const existed = this.cache.has(session.id);
    await this.persist(session);
    this.adopt(session, false);
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
    this.refresher.dispose();
    this.subscription.dispose();
    this.sessionsEmitter.dispose();
    this.endedEmitter.dispose();
    this.storageEmitter.dispose();
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

  /** Makes `session` the one this window uses; fires `changed` when it differs from what we had. */
  private adopt(session: StoredSession, announce: boolean): StoredSession {
    const before = this.cache.get(session.id);
    this.cache.set(session.id, session);
    this.refresher.track(session, before?.accessToken !== session.accessToken);
    if (announce && before && JSON.stringify(before) !== JSON.stringify(session)) {
      this.sessionsEmitter.fire({ added: [], removed: [], changed: [session] });
    }
    return session;
  }

  private drop(id: string): void {
    const session = this.cache.get(id);
    this.cache.delete(id);
    this.memoryOnly.delete(id);
    this.refresher.forget(id);
    if (session) this.sessionsEmitter.fire({ added: [], removed: [session], changed: [] });
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
    for (const id of [...this.cache.keys()]) {
      if (ids.includes(id) || this.memoryOnly.has(id)) continue;
      // Two windows that add sessions at once can overwrite each other's index entry: put a lost one back.
      const stored = await this.deps.store.read(id).catch(() => undefined);
      if (stored) await this.deps.store.save(stored).catch(() => undefined);
      else this.drop(id);
    }
  }

  private reportStorage(error: LightError): void {
    this.deps.logger.error(`${error.message}${error.detail ? ` (${error.detail})` : ''}`);
    this.storageEmitter.fire(error);
  }
}
