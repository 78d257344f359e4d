// Activation cost of the bundle in plain Node: `vscode` is a stand-in that does nothing, so what is timed is the
// extension's own work (module load and activate), beside an empty extension. (How long it takes in a real VS Code
// host, beside VS Code's own sign-in extensions, is hostActivation.ts.)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { MemorySecrets } from '../support/memorySecretStore';

/* eslint-disable @typescript-eslint/no-require-imports */
const Module = require('module') as { _load: (request: string, parent: unknown, isMain: boolean) => unknown };
type Request = (...args: unknown[]) => unknown;
const http = require('http') as { request: Request };
const https = require('https') as { request: Request };

const noop = () => undefined;
/** What the stand-in does not define: a function that does nothing, whose every property is itself and whose calls
 *  (and `new`) return itself, so an API the extension starts to use does not break the measurement. */
const anything: object = new Proxy(function anything() {}, {
  get: (_t, p) => (typeof p === 'symbol' || p === 'then' || p === '__esModule' ? undefined : anything),
  apply: () => anything,
  construct: () => anything,
});
/** `o`, with `anything` for what it does not have (also in its nested objects). */
function orAnything<T extends object>(o: T): T {
  return new Proxy(o, {
    get(t, p, r) {
      if (!(p in t)) return typeof p === 'symbol' || p === 'then' || p === '__esModule' ? undefined : anything;
      const v = Reflect.get(t, p, r) as unknown;
      return v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype ? orAnything(v) : v;
    },
  });
}
const disposable = { dispose: noop };
const event = () => disposable;

class EventEmitter {
  event = event;
  fire = noop;
  dispose = noop;
}

const stub = {
  EventEmitter,
  StatusBarAlignment: { Left: 1, Right: 2 },
  UIKind: { Desktop: 1, Web: 2 },
  ConfigurationTarget: { Global: 1 },
  ProgressLocation: { Notification: 15 },
  ThemeColor: class {},
  MarkdownString: class {
    constructor(public value = '') {}
  },
  Uri: {
    parse: (s: string) => ({ toString: () => s, with: () => ({ toString: () => s }) }),
    joinPath: (base: { fsPath: string }, ...parts: string[]) => ({ fsPath: path.join(base.fsPath, ...parts) }),
  },
  env: { uriScheme: 'vscode', uiKind: 1, remoteName: undefined },
  window: {
    createOutputChannel: () => ({ trace: noop, info: noop, warn: noop, error: noop, show: noop, dispose: noop }),
    createStatusBarItem: () => ({ show: noop, dispose: noop }),
    registerUriHandler: () => disposable,
    onDidChangeWindowState: event,
    onDidChangeActiveTextEditor: event,
    createTreeView: () => ({ dispose: noop, message: undefined }),
    activeTextEditor: undefined,
  },
  languages: { registerDocumentLinkProvider: () => disposable },
  lm: { registerTool: () => disposable },
  l10n: { bundle: undefined, uri: undefined, t: (m: string | { message: string }) => (typeof m === 'string' ? m : m.message) },
  version: '1.100.3',
  commands: { registerCommand: () => disposable, executeCommand: async () => undefined },
  authentication: { registerAuthenticationProvider: () => disposable },
  workspace: { getConfiguration: () => ({ get: () => undefined }), registerTextDocumentContentProvider: () => disposable, onDidCloseTextDocument: event, onDidChangeConfiguration: event },
};

function context() {
  const state = new Map<string, unknown>();
  return orAnything({
    subscriptions: [] as Array<{ dispose(): void }>,
    secrets: new MemorySecrets().view(),
    globalState: { get: (k: string) => state.get(k), update: async (k: string, v: unknown) => void state.set(k, v) },
    logUri: { fsPath: os.tmpdir() },
    globalStorageUri: { scheme: 'file', fsPath: path.join(os.tmpdir(), 'light-bench-global-storage') },
    environmentVariableCollection: { persistent: true, description: undefined, clear: noop, replace: noop },
    extensionMode: 1,
    extension: { id: 'lightinc.light-vscode' },
  });
}

function timeActivation(file: string): number {
  delete require.cache[require.resolve(file)];
  const ctx = context();
  const t = performance.now();
  const ext = require(file) as { activate(c: unknown): unknown };
  ext.activate(ctx);
  const took = performance.now() - t;
  for (const d of ctx.subscriptions) d.dispose();
  return took;
}

export async function activationCost(bundle: string): Promise<{ extension: number; baseline: number; requests: number }> {
  const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'light-bench-')), 'empty.js');
  fs.writeFileSync(empty, 'exports.activate = function (context) { context.subscriptions.push({ dispose() {} }); };\n');
  const load = Module._load;
  const vscode = orAnything(stub);
  Module._load = (request, parent, isMain) => (request === 'vscode' ? vscode : load(request, parent, isMain));
  let requests = 0;
  const realHttp = http.request;
  const realHttps = https.request;
  http.request = (...a) => (requests++, realHttp(...a));
  https.request = (...a) => (requests++, realHttps(...a));
  try {
    const median = (f: () => number) => {
      const xs = Array.from({ length: 20 }, f).sort((a, b) => a - b);
      return xs[10];
    };
    const extension = median(() => timeActivation(bundle));
    const baseline = median(() => timeActivation(empty));
    await new Promise((r) => setTimeout(r, 50));
    return { extension, baseline, requests };
  } finally {
    Module._load = load;
    http.request = realHttp;
    https.request = realHttps;
    fs.rmSync(path.dirname(empty), { recursive: true, force: true });
  }
}
