// Test helpers that talk to the Light simulator over real HTTP.

import * as assert from 'assert';
import { createHash, randomBytes } from 'crypto';
import fetch, { Response } from 'node-fetch';
import { DEV_CREDENTIALS, type Simulator, type TokenResponse } from '../simulator';

export const REDIRECT_URI = 'http://127.0.0.1:43117/callback';

/** Small data sets keep start-up fast where defaults are not under test. */
export const SMALL_COUNTS = { vendors: 230, customers: 40, invoiceReceivables: 30, invoicePayables: 30, ledgerAccounts: 20, users: 5 };

export interface PkcePair {
  verifier: string;
  challenge: string;
}

export function pkcePair(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function authorizeUrl(sim: Simulator, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) {
      query.set(key, value);
    }
  }
  return `${sim.url}/oauth/authorize?${query.toString()}`;
}

export function getManual(url: string): Promise<Response> {
  return fetch(url, { redirect: 'manual' });
}

/** The Location header of a 302, parsed; fails the test when the answer is not a redirect. */
export function location(res: Response): URL {
  if (res.status !== 302) {
    throw new Error(`Expected 302, got ${res.status}`);
  }
  return new URL(res.headers.get('location') as string);
}

export interface AuthorizeInput {
  companyIndex?: number;
  redirectUri?: string;
  state?: string;
  pkce?: PkcePair | null;
}

/** GET /oauth/authorize on an auto-approving simulator; returns the redirect target. */
export async function authorize(sim: Simulator, input: AuthorizeInput = {}): Promise<URL> {
  const company = sim.companies[input.companyIndex ?? 0];
  const pkce = input.pkce === undefined ? null : input.pkce;
  const res = await getManual(
    authorizeUrl(sim, {
      client_id: company.clientId,
      redirect_uri: input.redirectUri ?? REDIRECT_URI,
      state: input.state ?? 'state-123',
      code_challenge: pkce?.challenge,
      code_challenge_method: pkce ? 'S256' : undefined,
    }),
  );
  return location(res);
}

export function tokenRequest(sim: Simulator, fields: Record<string, string | undefined>): Promise<Response> {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (value !== undefined) {
      form.set(key, value);
    }
  }
  return fetch(`${sim.url}/oauth/token`, { method: 'POST', body: form });
}

export function exchangeCode(sim: Simulator, code: string, verifier: string | undefined, companyIndex = 0, redirectUri = REDIRECT_URI): Promise<Response> {
  const company = sim.companies[companyIndex];
  return tokenRequest(sim, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    client_id: company.clientId,
    client_secret: company.clientSecret,
    code_verifier: verifier,
  });
}

export function refresh(sim: Simulator, refreshToken: string, companyIndex = 0): Promise<Response> {
  const company = sim.companies[companyIndex];
  return tokenRequest(sim, {
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
    client_id: company.clientId,
    client_secret: company.clientSecret,
  });
}

/** The whole browser-less sign-in: authorize with PKCE, then exchange the code. */
export async function signIn(sim: Simulator, companyIndex = 0): Promise<TokenResponse> {
  const pkce = pkcePair();
  const target = await authorize(sim, { companyIndex, pkce });
  const res = await exchangeCode(sim, target.searchParams.get('code') as string, pkce.verifier, companyIndex);
  if (res.status !== 200) {
    throw new Error(`Sign-in failed: ${res.status} ${await res.text()}`);
  }
  return (await res.json()) as TokenResponse;
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

export function basic(apiKey: string): Record<string, string> {
  return { Authorization: `Basic ${apiKey}` };
}

export function apiGet(sim: Simulator, path: string, headers: Record<string, string>): Promise<Response> {
  return fetch(`${sim.url}${path}`, { headers });
}

export type Row = Record<string, unknown>;

/** Light's list envelope. */
export interface ListPage {
  records: Row[];
  hasMore: boolean;
  nextCursor: string | null;
  prevCursor: string | null;
  total?: number;
  billingAmountTotal?: number;
}

const API_KEY = basic(DEV_CREDENTIALS.production.apiKey);

/** GET a path that must answer 200 with JSON (by default with the production company's API key). */
export async function getJson<T = ListPage>(sim: Simulator, path: string, headers = API_KEY): Promise<T> {
  const res = await apiGet(sim, path, headers);
  assert.strictEqual(res.status, 200, `${path}: ${res.status}`);
  return (await res.json()) as T;
}

/** Every record of a list, following nextCursor from cursor=0; checks the envelope of each page. */
export async function listAll(sim: Simulator, path: string, params: Record<string, string> = {}, limit = 200): Promise<Row[]> {
  const out: Row[] = [];
  let cursor: string | null = '0';
  while (cursor !== null) {
    const p: ListPage = await getJson(sim, `${path}?${new URLSearchParams({ ...params, limit: String(limit), cursor }).toString()}`);
    assert.ok(Array.isArray(p.records) && typeof p.hasMore === 'boolean', path);
    assert.strictEqual(p.hasMore, p.nextCursor !== null);
    assert.ok(p.records.length <= limit);
    out.push(...p.records);
    cursor = p.nextCursor;
  }
  return out;
}

/** The claims of a JWT, unverified. */
export function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** What a browser does with an authorize URL on an auto-approving simulator: follow it to the redirect that
 *  carries code and state, without following that redirect. */
export async function approveInBrowser(authorizeUrl: string): Promise<URL> {
  return location(await getManual(authorizeUrl));
}

/** A person clicking Approve on the consent page of a simulator that shows one: opens the page for the authorize
 *  request `query` (as `lastAuthorize()` gives it) and answers its form; returns the redirect, not followed. */
export async function clickApprove(sim: Simulator, query: Record<string, string>): Promise<URL> {
  const page = await (await getManual(authorizeUrl(sim, query))).text();
  const requestId = /name="request_id" value="([^"]+)"/.exec(page)?.[1];
  if (!requestId) throw new Error(`No consent page at ${sim.url}: ${page.slice(0, 200)}`);
  const form = new URLSearchParams({ request_id: requestId, decision: 'approve' });
  return location(await fetch(`${sim.url}/oauth/authorize/decision`, { method: 'POST', body: form, redirect: 'manual' }));
}
