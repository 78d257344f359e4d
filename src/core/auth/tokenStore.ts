import * as l10n from '@vscode/l10n';
import { LightError } from '../errors';
import type { Clock } from '../clock';
import { Disposable, Emitter } from '../events';
import { Logger, registerSecret } from '../log';
import type { EnvironmentName } from './environment';
import { MAX_TOKEN_LIFETIME_MS } from './refreshPolicy';

/** SecretStorage's shape, so the core runs in plain Node against an in-memory store. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange(listener: (e: { key: string }) => unknown): Disposable;
  /** Every key this extension stored; only in VS Code versions that have it. */
  keys?(): PromiseLike<string[] | undefined>;
}

export type SessionKind = 'oauth' | 'apiKey';

/** One signed-in account, as kept in SecretStorage (and, sealed, handed between windows: see handoffSeal.ts). */
export interface StoredSession {
  v: 1;
  /** `${kind}:${environment key}/${company id}` */
  id: string;
  kind: SessionKind;
  /** `${environment key}/${company id}` for OAuth, with `#api-key` after it for an API key: one id per account. */
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

export type StoreChange = { kind: 'session'; id: string } | { kind: 'index' } | { kind: 'clientSecret'; clientId: string } | { kind: 'mcpToken'; environment: string };

const INDEX = 'light.sessions';
/** A second copy of the index, so that one that does not parse can be rebuilt. */
const INDEX_COPY = 'light.sessions.copy';
const SESSION = 'light.session.';
const CLIENT_SECRET = 'light.clientSecret.';
const MCP_TOKEN = 'light.mcpToken.';

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

  /** The stored session ids. An index that does not parse is rebuilt from its copy and the stored keys. */
  async ids(): Promise<string[]> {
    const ids = parseIds(await this.get(INDEX));
    if (ids) return ids;
    const rebuilt = new Set(parseIds(await this.get(INDEX_COPY)) ?? []);
    const keys = this.secrets.keys ? await Promise.resolve(this.secrets.keys()).catch(() => undefined) : undefined;
    for (const k of keys ?? []) if (k.startsWith(SESSION)) rebuilt.add(k.slice(SESSION.length));
    this.logger.warn(`The stored list of Light sessions did not parse; rebuilt it with ${rebuilt.size} session(s).`);
    await this.putIndex([...rebuilt]).catch(() => undefined);
    return [...rebuilt];
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
    const parsed = parseSession(raw, (problem) => this.logger.warn(`Stored Light session ${id}: ${problem}`));
    if (!parsed) return undefined;
    registerSecret(parsed.accessToken);
    registerSecret(parsed.refreshToken);
    return parsed;
  }

  /** Writes the session first, then makes sure the index names it. */
  async save(session: StoredSession): Promise<void> {
    await this.put(SESSION + session.id, JSON.stringify(session));
    const ids = await this.ids();
    if (!ids.includes(session.id)) await this.putIndex([...ids, session.id]);
  }

  /** Deletes the session first, then its index entry: a window that finds an id missing from the index can tell
   *  a sign-out (no session) from an index entry lost to a concurrent write (session still there). */
  async remove(id: string): Promise<void> {
    await this.del(SESSION + id);
    const ids = await this.ids();
    if (ids.includes(id)) await this.putIndex(ids.filter((x) => x !== id));
  }

  /** Resolves when session `id` changes (e.g. in another window), or after `ms`. */
  waitForChange(id: string, ms: number, clock: Clock): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clock.clearTimeout(timer);
        sub.dispose();
        resolve();
      };
      const timer = clock.setTimeout(done, Math.max(1, ms));
      const sub = this.onDidChange((c) => {
        if (c.kind === 'session' && c.id === id) done();
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

  /** The personal Light MCP token (`lmcp_…`) the user entered for an environment (its key). */
  async mcpToken(environment: string): Promise<string | undefined> {
    const t = await this.get(MCP_TOKEN + environment);
    registerSecret(t);
    return t;
  }

  setMcpToken(environment: string, token: string | undefined): Promise<void> {
    registerSecret(token);
    return token ? this.put(MCP_TOKEN + environment, token) : this.del(MCP_TOKEN + environment);
  }

  private async putIndex(ids: string[]): Promise<void> {
    const text = JSON.stringify(ids);
    await this.put(INDEX, text);
    await this.put(INDEX_COPY, text);
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

function storageError(what: 'read' | 'save' | 'delete', e: unknown): LightError {
  const failed =
    what === 'read'
      ? l10n.t("VS Code could not read Light's credentials in its secret storage.")
      : what === 'save'
        ? l10n.t("VS Code could not save Light's credentials in its secret storage.")
        : l10n.t("VS Code could not delete Light's credentials in its secret storage.");
  const advice = l10n.t('On Linux, make sure a keyring (GNOME Keyring or KWallet) is installed and unlocked, or set "password-store" in VS Code\'s runtime arguments. You stay signed in for this window only.');
  return new LightError('storage', `${failed} ${advice}`, { detail: e instanceof Error ? e.message : String(e) });
}

function classify(key: string): StoreChange | undefined {
  if (key === INDEX) return { kind: 'index' };
  if (key.startsWith(SESSION)) return { kind: 'session', id: key.slice(SESSION.length) };
  if (key.startsWith(CLIENT_SECRET)) return { kind: 'clientSecret', clientId: key.slice(CLIENT_SECRET.length) };
  if (key.startsWith(MCP_TOKEN)) return { kind: 'mcpToken', environment: key.slice(MCP_TOKEN.length) };
  return undefined;
}

function parseIds(raw: string | undefined): string[] | undefined {
  if (!raw) return [];
  try {
    const ids = JSON.parse(raw) as unknown;
    if (Array.isArray(ids) && ids.every((x) => typeof x === 'string')) return ids;
  } catch {
    // not JSON
  }
  return undefined;
}

const API_KEY_ACCOUNT = '#api-key';
const isTime = (t: unknown): t is number => typeof t === 'number' && Number.isFinite(t) && t > 0 && t < 8.64e15;
const text = (t: unknown): string | undefined => (typeof t === 'string' && t.trim() ? t : undefined);

/** Reads a stored session field by field: what identifies it and its token must be right, or the entry is ignored;
 *  the rest is repaired (a label from the company, an absurd expiry as expired, so the next hand-out refreshes). */
export function parseSession(raw: string, problem: (what: string) => void): StoredSession | undefined {
  let s: Record<string, unknown>;
  try {
    s = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    problem('ignored: it did not parse.');
    return undefined;
  }
  const identity = s && typeof s === 'object' && s.v === 1 ? identityOf(s) : undefined;
  if (!identity) {
    problem('ignored: its version, id, kind, account, environment, URL or token is missing.');
    return undefined;
  }
  const repaired: string[] = [];
  const session = { ...identity, ...descriptionOf(s, identity, repaired), ...timesOf(s, identity.kind, repaired) };
  if (repaired.length) problem(`repaired ${repaired.join(', ')}${repaired.includes('expiresAt') ? ' (treated as expired: refreshed when next used)' : ''}.`);
  return session;
}

type Identity = Pick<StoredSession, 'v' | 'id' | 'kind' | 'accountId' | 'environment' | 'apiBaseUrl' | 'accessToken' | 'refreshToken' | 'clientId'>;

/** What must be right: which account, where, and its credential. */
function identityOf(s: Record<string, unknown>): Identity | undefined {
  const id = text(s.id);
  const kind = s.kind === 'oauth' || s.kind === 'apiKey' ? s.kind : undefined;
  // API-key accounts once shared the OAuth account's id; they have their own now.
  const stored = text(s.accountId);
  const accountId = kind === 'apiKey' && stored && !stored.endsWith(API_KEY_ACCOUNT) ? stored + API_KEY_ACCOUNT : stored;
  const apiBaseUrl = text(s.apiBaseUrl);
  const accessToken = text(s.accessToken);
  const environment = s.environment === 'production' || s.environment === 'sandbox' || s.environment === 'custom' ? s.environment : undefined;
  if (!id || !kind || !accountId || !apiBaseUrl || !accessToken || !environment) return undefined;
  return { v: 1, id, kind, accountId, environment, apiBaseUrl, accessToken, refreshToken: text(s.refreshToken), clientId: text(s.clientId) };
}

/** The label and company, repaired from each other (or the account id) when missing. */
function descriptionOf(s: Record<string, unknown>, identity: Identity, repaired: string[]): Pick<StoredSession, 'label' | 'company'> {
  const company = (s.company && typeof s.company === 'object' ? s.company : {}) as Record<string, unknown>;
  const id = text(company.id) ?? identity.accountId.replace(API_KEY_ACCOUNT, '').split('/').pop() ?? identity.accountId;
  const name = text(company.name) ?? text(s.label) ?? id;
  if (!text(s.label) || !text(company.name) || !text(company.id)) repaired.push('label or company');
  return { label: text(s.label) ?? name, company: { id, name } };
}

/** The times, each a real date: a bad sign-in time as 0, a bad or absurd expiry as expired. */
function timesOf(s: Record<string, unknown>, kind: StoredSession['kind'], repaired: string[]): Pick<StoredSession, 'createdAt' | 'refreshedAt' | 'expiresAt'> {
  const createdAt = isTime(s.createdAt) ? s.createdAt : (repaired.push('createdAt'), 0);
  const refreshedAt = isTime(s.refreshedAt) ? s.refreshedAt : (s.refreshedAt !== undefined && repaired.push('refreshedAt'), undefined);
  if (kind !== 'oauth') return { createdAt, refreshedAt, expiresAt: undefined };
  const start = refreshedAt ?? createdAt;
  const expiresAt = isTime(s.expiresAt) && s.expiresAt - start <= MAX_TOKEN_LIFETIME_MS ? s.expiresAt : (repaired.push('expiresAt'), start);
  return { createdAt, refreshedAt, expiresAt };
}
