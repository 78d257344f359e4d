import { LightError } from '../errors';
import { Clock, Disposable, Emitter } from '../events';
import { Logger, registerSecret } from '../log';
import type { EnvironmentName } from './environment';

/** SecretStorage's shape, so the core runs in plain Node against an in-memory store. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange(listener: (e: { key: string }) => unknown): Disposable;
}

export type SessionKind = 'oauth' | 'apiKey';

/** One signed-in account, exactly as kept in SecretStorage (and nowhere else). */
export interface StoredSession {
  v: 1;
  /** `${kind}:${accountId}` */
  id: string;
  kind: SessionKind;
  /** `${environment key}/${company id}` */
  accountId: string;
  label: string;
  environment: EnvironmentName;
  apiBaseUrl: string;
  company: { id: string; name: string };
  clientId?: string;
  accessToken: string;
  refreshToken?: string;
  /** Epoch ms; absent for API keys. */
  expiresAt?: number;
  createdAt: number;
  refreshedAt?: number;
}

export interface Lease {
  owner: string;
  until: number;
}

export type StoreChange = { kind: 'session'; id: string } | { kind: 'index' } | { kind: 'lease'; id: string };

const INDEX = 'light.sessions';
const SESSION = 'light.session.';
const LEASE = 'light.lease.';
const CLIENT_SECRET = 'light.clientSecret.';

export class TokenStore {
  private readonly changes = new Emitter<StoreChange>();
  readonly onDidChange = this.changes.event;
  private readonly subscription: Disposable;

  constructor(
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
  ) {
    this.subscription = secrets.onDidChange(({ key }) => {
      const change = classify(key);
      if (change) this.changes.fire(change);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changes.dispose();
  }

  async ids(): Promise<string[]> {
    const raw = await this.get(INDEX);
    if (!raw) return [];
    try {
      const ids = JSON.parse(raw) as unknown;
      if (Array.isArray(ids) && ids.every((x) => typeof x === 'string')) return ids;
    } catch {
      // fall through
    }
    this.logger.warn('Ignored the stored list of Light sessions: it did not parse.');
    return [];
  }

  async list(): Promise<StoredSession[]> {
    const out: StoredSession[] = [];
    for (const id of await this.ids()) {
      const s = await this.read(id);
      if (s) out.push(s);
    }
    return out;
  }

  async read(id: string): Promise<StoredSession | undefined> {
    const raw = await this.get(SESSION + id);
    if (!raw) return undefined;
    const parsed = parseSession(raw);
    if (!parsed) {
      this.logger.warn(`Ignored stored Light session ${id}: it did not parse.`);
      return undefined;
    }
    registerSecret(parsed.accessToken);
    registerSecret(parsed.refreshToken);
    return parsed;
  }

  /** Writes the session first, then makes sure the index names it. */
  async save(session: StoredSession): Promise<void> {
    await this.put(SESSION + session.id, JSON.stringify(session));
    const ids = await this.ids();
    if (!ids.includes(session.id)) await this.put(INDEX, JSON.stringify([...ids, session.id]));
  }

  /** Deletes the session first, then its index entry: a window that finds an id missing from the index can tell
   *  a sign-out (no session) from an index entry lost to a concurrent write (session still there). */
  async remove(id: string): Promise<void> {
    await this.del(SESSION + id);
    const ids = await this.ids();
    if (ids.includes(id)) await this.put(INDEX, JSON.stringify(ids.filter((x) => x !== id)));
    await this.del(LEASE + id);
  }

  async readLease(id: string): Promise<Lease | undefined> {
    const raw = await this.get(LEASE + id);
    if (!raw) return undefined;
    try {
      const l = JSON.parse(raw) as Lease;
      return typeof l.owner === 'string' && typeof l.until === 'number' ? l : undefined;
    } catch {
      return undefined;
    }
  }

  writeLease(id: string, lease: Lease): Promise<void> {
    return this.put(LEASE + id, JSON.stringify(lease));
  }

  clearLease(id: string): Promise<void> {
    return this.del(LEASE + id);
  }

  /** Resolves when session `id` (or its lease) changes, e.g. in another window, or after `ms`. */
  waitForChange(id: string, ms: number, clock: Clock): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clock.clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const timer = clock.setTimeout(done, Math.max(1, ms));
      const sub = this.onDidChange((c) => {
        if ((c.kind === 'session' || c.kind === 'lease') && c.id === id) done();
      });
    });
  }

  async clientSecret(clientId: string): Promise<string | undefined> {
    const s = await this.get(CLIENT_SECRET + clientId);
    registerSecret(s);
    return s;
  }

  setClientSecret(clientId: string, secret: string): Promise<void> {
    registerSecret(secret);
    return this.put(CLIENT_SECRET + clientId, secret);
  }

  private async get(key: string): Promise<string | undefined> {
    try {
      return await this.secrets.get(key);
    } catch (e) {
      throw storageError('read', e);
    }
  }

  private async put(key: string, value: string): Promise<void> {
    try {
      await this.secrets.store(key, value);
    } catch (e) {
      throw storageError('save', e);
    }
  }

  private async del(key: string): Promise<void> {
    try {
      await this.secrets.delete(key);
    } catch (e) {
      throw storageError('delete', e);
    }
  }
}

function storageError(what: string, e: unknown): LightError {
  return new LightError(
    'storage',
    `VS Code could not ${what} Light's credentials in its secret storage. On Linux, make sure a keyring (GNOME Keyring or KWallet) is installed and unlocked, or set "password-store" in VS Code's runtime arguments. You stay signed in for this window only.`,
    { detail: e instanceof Error ? e.message : String(e) },
  );
}

function classify(key: string): StoreChange | undefined {
  if (key === INDEX) return { kind: 'index' };
  if (key.startsWith(SESSION)) return { kind: 'session', id: key.slice(SESSION.length) };
  if (key.startsWith(LEASE)) return { kind: 'lease', id: key.slice(LEASE.length) };
  return undefined;
}

function parseSession(raw: string): StoredSession | undefined {
  try {
    const s = JSON.parse(raw) as StoredSession;
    const ok =
      s &&
      s.v === 1 &&
      typeof s.id === 'string' &&
      (s.kind === 'oauth' || s.kind === 'apiKey') &&
      typeof s.accountId === 'string' &&
      typeof s.label === 'string' &&
      typeof s.apiBaseUrl === 'string' &&
      typeof s.accessToken === 'string' &&
      s.company !== null &&
      typeof s.company === 'object';
    return ok ? s : undefined;
  } catch {
    return undefined;
  }
}
