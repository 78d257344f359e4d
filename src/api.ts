import type * as vscode from 'vscode';
import type { EnvironmentName } from './auth/environment';
import type { ListQuery, Page } from './api/lightClient';

/** What `vscode.extensions.getExtension<LightExtensionApi>('lightinc.light-vscode').activate()` returns. */

export interface LightSession {
  id: string;
  kind: 'oauth' | 'apiKey';
  account: { id: string; label: string };
  environment: EnvironmentName;
  apiBaseUrl: string;
  company: { id: string; name: string };
  /** The bare credential. Prefer `authorization`, which carries the right scheme. */
  accessToken: string;
  /** The full Authorization header value: `Bearer <token>` for OAuth, `Basic <key>` for API keys. */
  authorization: string;
  /** Epoch ms; absent for API keys. */
  expiresAt?: number;
}

export interface GetSessionOptions {
  /** An account id (`LightSession.account.id`); default: the active account. */
  account?: string;
  /** Start an interactive sign-in when there is no session. */
  createIfNone?: boolean;
}

export interface LightExtensionApi {
  readonly apiVersion: 1;
  /** A session whose token is fresh (refreshed first when due); undefined when signed out. */
  getSession(options?: GetSessionOptions): Promise<LightSession | undefined>;
  readonly onDidChangeSessions: vscode.Event<void>;
  /** GET a Light API path with the account's credentials; a 401 refreshes once and retries once. */
  get<T = unknown>(path: string, query?: Record<string, string | number | undefined>, options?: { account?: string }): Promise<T>;
  /** One page of a Light list endpoint (cursor pagination). */
  list<T = unknown>(path: string, query?: ListQuery & { cursor?: string }, options?: { account?: string }): Promise<Page<T>>;
}

export type { ListQuery, Page };
