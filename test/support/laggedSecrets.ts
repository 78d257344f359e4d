import type { SecretStore } from '../../src/core/auth/tokenStore';

/** SecretStorage as VS Code gives it to several windows (desktop; see `kind` for the web): each window reads and writes its own in-memory copy;
 *  a write is flushed to the shared store after a delay (`flushMs` ± `jitterMs`), and only then reaches the other
 *  windows (after `relayMs` more), which overwrite their copy and fire their change event. The writing window
 *  sees its own write at once and gets its own change event, as in VS Code. Two windows that write one key inside
 *  a flush delay may end up disagreeing, as they can in VS Code. */
export interface LaggedSecretsOptions {
  flushMs?: number;
  jitterMs?: number;
  relayMs?: number;
  /** 'web': VS Code for the web (code-server, vscode.dev): a tab loads the secrets once when it opens, and each
   *  write saves that tab's whole copy over the shared one; no other tab ever hears of it. */
  kind?: 'desktop' | 'web';
}

interface LaggedWindow {
  cache: Map<string, string>;
  pending: Map<string, string | undefined>;
  flushTimer?: NodeJS.Timeout;
  listeners: Set<(e: { key: string }) => unknown>;
}

export class LaggedSecrets {
  readonly shared = new Map<string, string>();
  private readonly windows: LaggedWindow[] = [];
  private readonly flushMs: number;
  private readonly jitterMs: number;
  private readonly relayMs: number;
  private readonly web: boolean;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Writes and deletes that reached the shared store. */
  flushes = 0;

  constructor(opts: LaggedSecretsOptions = {}) {
    this.flushMs = opts.flushMs ?? 100;
    this.jitterMs = opts.jitterMs ?? 50;
    this.relayMs = opts.relayMs ?? 5;
    this.web = opts.kind === 'web';
  }

  /** A new window: its copy starts as the shared store is now. */
  view(): SecretStore {
    const w: LaggedWindow = { cache: new Map(this.shared), pending: new Map(), listeners: new Set() };
    this.windows.push(w);
    const local = (key: string) => this.later(0, () => fire(w, key));
    return {
      get: async (key) => w.cache.get(key),
      store: async (key, value) => {
        w.cache.set(key, value);
        w.pending.set(key, value);
        this.scheduleFlush(w);
        local(key);
      },
      delete: async (key) => {
        const had = w.cache.delete(key);
        w.pending.set(key, undefined);
        this.scheduleFlush(w);
        if (had) local(key);
      },
      onDidChange: (listener) => {
        w.listeners.add(listener);
        return { dispose: () => w.listeners.delete(listener) };
      },
    };
  }

  /** Resolves once every pending write reached the shared store and every window. */
  async settled(): Promise<void> {
    while (this.timers.size) await new Promise((r) => setTimeout(r, 10));
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  private scheduleFlush(w: LaggedWindow): void {
    if (w.flushTimer) return;
    const delay = this.flushMs + (Math.random() * 2 - 1) * this.jitterMs;
    w.flushTimer = this.later(Math.max(0, delay), () => {
      w.flushTimer = undefined;
      const items = [...w.pending];
      w.pending.clear();
      this.flushes += items.length;
      if (this.web) {
        this.shared.clear();
        for (const [key, value] of w.cache) this.shared.set(key, value);
        return;
      }
      for (const [key, value] of items) {
        if (value === undefined) this.shared.delete(key);
        else this.shared.set(key, value);
      }
      for (const other of this.windows) {
        if (other === w) continue;
        this.later(Math.random() * this.relayMs, () => {
          for (const [key, value] of items) {
            if (value === undefined) {
              if (other.cache.delete(key)) fire(other, key);
            } else if (other.cache.get(key) !== value) {
              other.cache.set(key, value);
              fire(other, key);
            }
          }
        });
      }
    });
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
    return t;
  }
}

function fire(w: LaggedWindow, key: string): void {
  for (const l of [...w.listeners]) l({ key });
}
