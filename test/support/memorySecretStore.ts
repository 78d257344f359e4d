import type { SecretStore } from '../../src/core/auth/tokenStore';

/** SecretStorage as VS Code gives it to each window: one shared map, change events fired asynchronously
 *  to every window (the writer included). `view()` hands out one window's handle. */
export class MemorySecrets {
  readonly data = new Map<string, string>();
  private readonly listeners = new Set<(e: { key: string }) => unknown>();
  /** Make the next N operations throw, like a keyring that is missing or locked. */
  failNext = 0;
  /** Make every write throw while reads still work. */
  failWrites = false;
  ops = 0;

  view(): SecretStore {
    return {
      get: async (key) => {
        this.check();
        return this.data.get(key);
      },
      store: async (key, value) => {
        this.check(true);
        this.data.set(key, value);
        this.changed(key);
      },
      delete: async (key) => {
        this.check(true);
        if (this.data.delete(key)) this.changed(key);
      },
      onDidChange: (listener) => {
        this.listeners.add(listener);
        return { dispose: () => this.listeners.delete(listener) };
      },
    };
  }

  private check(write = false): void {
    this.ops++;
    if (write && this.failWrites) throw new Error('Cannot create an item in a locked collection');
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('Cannot create an item in a locked collection');
    }
  }

  private changed(key: string): void {
    setImmediate(() => {
      for (const l of [...this.listeners]) l({ key });
    });
  }
}
