// Small helpers shared by the integration suites (they run inside a real VS Code extension host).
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import * as vscode from 'vscode';
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

interface InternalState {
  statusBar: { text: string; tooltip: string; command?: string };
  logFile: string;
  sessions: Array<{ id: string; label: string; status?: string }>;
}

export const state = () => vscode.commands.executeCommand<InternalState>('light.internal.state');
export const logText = async () => {
  const file = (await state()).logFile;
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
};

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

