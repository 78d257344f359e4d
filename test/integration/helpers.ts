// Small helpers shared by the integration suites (they run inside a real VS Code extension host).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import * as vscode from 'vscode';
import fetch from 'node-fetch';
import type { Simulator } from '../simulator';

export const EXTENSION_ID = 'lightinc.light-vscode';

/**
 * The current phase of the integration run (LIGHT_TEST_PHASE, default 1). The runner starts the host once per
 * phase on the same user data, browser profile and origin, so what phase 1 stored (SecretStorage, settings) is
 * there in phase 2. A suite picks its phase with `if (phase() === 2) describe(...)` or `describePhase(2, ...)`.
 */
export function phase(): number {
  const n = Number(process.env.LIGHT_TEST_PHASE || 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/** How many phases this run has (LIGHT_TEST_PHASES, default 1). */
export function phaseCount(): number {
  const n = Number(process.env.LIGHT_TEST_PHASES || 1);
  return Number.isInteger(n) && n > 0 ? n : 1;
}

/**
 * A file that outlives the phase, for what phase 1 hands to phase 2 (the runners set LIGHT_TEST_STATE_DIR to a
 * directory kept for the whole run and removed after it).
 */
export function stateFile(name: string): string {
  return path.join(process.env.LIGHT_TEST_STATE_DIR || os.tmpdir(), name);
}

/** `describe` that only registers its suite in phase `n`. */
export function describePhase(n: number, title: string, fn: (this: Mocha.Suite) => void): void {
  if (phase() === n) describe(`${title} (phase ${n})`, fn);
}

/** The extension under test, activated; returns what activate() returned. */
export async function activateExtension<T = unknown>(): Promise<T> {
  const ext = vscode.extensions.getExtension<T>(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  return ext.isActive ? ext.exports : await ext.activate();
}

/** Polls `check` until it returns a truthy value (which is returned) or `timeoutMs` has passed. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10000, everyMs = 100): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** A one-line description of the host the tests run in. */
export function hostInfo(): string {
  const node = typeof process !== 'undefined' ? process.versions?.node : undefined;
  const uiKind = vscode.env.uiKind === vscode.UIKind.Web ? 'web' : 'desktop';
  return `node ${node ?? 'none (web worker)'}, vscode ${vscode.version}, app "${vscode.env.appName}", uiKind ${uiKind}, ` +
    `uriScheme ${vscode.env.uriScheme}, remote ${vscode.env.remoteName ?? 'none'}, phase ${phase()}/${phaseCount()}`;
}

/**
 * Prints a line into the test report: the runner's report file under code-server (EXT_TEST_OUTPUT), where the
 * extension host's console only reaches the browser, or the console elsewhere.
 */
export function log(...args: unknown[]): void {
  const file = process.env.EXT_TEST_OUTPUT;
  if (file) fs.appendFileSync(file, util.format(...args) + '\n');
  else console.log(...args);
}

// ---- the Light extension as the suites see it ----

/** A session as `light.test.state` lists it (no credentials). */
export interface SessionInfo {
  id: string;
  accountId: string;
  kind: 'oauth' | 'apiKey';
  label: string;
  status?: string;
}

/** What `light.test.state` answers: the status bar, the log file, the sessions and the active one. */
export interface TestState {
  statusBar: { text: string; tooltip: string; command?: string };
  logFile: string;
  sessions: SessionInfo[];
  activeId?: string;
}

/** What `light.test.session` answers: a fresh session of an account, credentials included. */
export interface TestSession {
  id: string;
  kind: 'oauth' | 'apiKey';
  account: { id: string; label: string };
  environment: string;
  apiBaseUrl: string;
  company: { id: string; name: string };
  accessToken: string;
  expiresAt?: number;
  /** The Authorization header value: `Bearer <token>` for OAuth, `Basic <key>` for API keys. */
  authorization: string;
}

export const state = async (): Promise<TestState> => {
  const s = await vscode.commands.executeCommand<TestState | undefined>('light.test.state');
  assert.ok(s, 'light.test.state answered nothing: is this a test build?');
  return s;
};

export const logText = async (): Promise<string> => {
  const file = (await state()).logFile;
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};

/** A fresh session of `account` (an account id or a session id; default the active account), or undefined. */
export const session = (account?: string) => vscode.commands.executeCommand<TestSession | undefined>('light.test.session', account);

/** The active session as `light.test.state` lists it, or undefined when signed out. */
export async function activeSession(): Promise<SessionInfo | undefined> {
  const s = await state();
  return s.sessions.find((x) => x.id === s.activeId);
}

/** The next input boxes the extension shows are answered with `answers`, in order. */
export async function answerInputs(...answers: string[]): Promise<void> {
  await vscode.commands.executeCommand('light.test.answerInputs', ...answers);
}

/** Signs out of `id` through the command, answering the question it asks first (when there is a session to ask about). */
export async function signOut(id: string, answer = 'Sign Out'): Promise<boolean> {
  if ((await state()).sessions.some((s) => s.id === id || s.accountId === id)) await answerInputs(answer);
  return runCommand('light.signOut', id);
}

/** Runs a Light command and checks that it resolved to a boolean, and nothing else. */
export async function runCommand(command: string, ...args: unknown[]): Promise<boolean> {
  const result = await vscode.commands.executeCommand<unknown>(command, ...args);
  assert.strictEqual(typeof result, 'boolean', `${command} resolved to ${util.inspect(result)}, not a boolean`);
  return result as boolean;
}

/**
 * Runs a sign-in command (default `light.signIn`) and tells which account it produced: the session a sign-in
 * makes becomes the active one. Undefined when the command reports that it did not sign in.
 */
export async function signIn(command = 'light.signIn', ...args: unknown[]): Promise<SessionInfo | undefined> {
  if (!(await runCommand(command, ...args))) return undefined;
  const active = await activeSession();
  assert.ok(active, `${command} reported a sign-in, but no session is active`);
  return active;
}

/** Stores the OAuth client secret through `light.setClientSecret`, answering its input box with `secret`
 *  (the client ID comes from settings, see useSimulator). */
export async function setClientSecret(secret: string): Promise<boolean> {
  await answerInputs(secret);
  return runCommand('light.setClientSecret');
}

/** Signs in with an API key through `light.signInWithApiKey`, answering its input box with `key`. */
export async function signInWithApiKey(key: string): Promise<SessionInfo | undefined> {
  await answerInputs(key);
  return signIn('light.signInWithApiKey');
}

/** GET a Light path directly (not through the extension) with the credentials of `account` (default: active). */
export async function lightGet<T = unknown>(path: string, account?: string, query: Record<string, string | number> = {}): Promise<T> {
  const s = await session(account);
  assert.ok(s, `no session for ${account ?? 'the active account'}`);
  const url = new URL(s.apiBaseUrl.replace(/\/+$/, '') + path);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
  const res = await fetch(url.toString(), { headers: { authorization: s.authorization, accept: 'application/json' } });
  assert.strictEqual(res.status, 200, `GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

/** The sessions signed in to `sim` (each simulator has its own port, so its own accounts). */
export async function sessionsOf(sim: Simulator): Promise<SessionInfo[]> {
  const prefix = `custom:${new URL(sim.url).host}/`;
  return (await state()).sessions.filter((s) => s.accountId.startsWith(prefix));
}

/** Signs out of every session of these simulators, and of no other (a suite leaves the others' sessions alone). */
export async function signOutOf(...sims: Simulator[]): Promise<void> {
  for (const sim of sims) for (const s of await sessionsOf(sim)) assert.strictEqual(await signOut(s.id), true, `signed out of ${s.label}`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Points the extension at a simulator (host 127.0.0.2: code-server rewrites 127.0.0.1 links to its proxy). */
export async function useSimulator(sim: Simulator, extra: { timeout?: number; company?: 'production' | 'sandbox' } = {}): Promise<void> {
  const c = vscode.workspace.getConfiguration('light');
  const g = vscode.ConfigurationTarget.Global;
  await c.update('environment', 'custom', g);
  await c.update('apiUrl', sim.url, g);
  await c.update('oauth.clientId', sim.companies[extra.company === 'sandbox' ? 1 : 0].clientId, g);
  await c.update('oauth.relayUrl', `${sim.url}/relay`, g);
  await c.update('oauth.signInTimeoutSeconds', extra.timeout ?? 300, g);
}

