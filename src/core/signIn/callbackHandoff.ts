import { createHash } from 'crypto';
import { Clock, systemClock } from '../clock';
import type { Disposable } from '../events';
import type { Logger } from '../log';
import type { SecretStore } from '../auth/tokenStore';
import { callbackNonce, CallbackBroker, Delivery } from './callbackBroker';

/** On desktop VS Code opens a `vscode://` link in the window that was active last, which need not be the one
 *  that started the sign-in; and Light registers exact redirect URIs, so no window id can ride in the redirect.
 *  So a window that gets a callback it does not expect leaves it in SecretStorage, which every window shares,
 *  under a key made from a hash of its nonce. The window whose sign-in waits for that nonce takes it: reads it,
 *  deletes it and delivers it to its own broker. The deletion tells the first window the callback found its way. */

export type Handoff = Delivery | 'handedOver';

export interface CallbackHandoffOptions {
  /** The extension's SecretStorage. */
  secrets: SecretStore;
  broker: CallbackBroker;
  logger: Logger;
  /** How long a sign-in waits for the browser; an older entry answers none, and is deleted. */
  signInTimeoutMs: () => number;
  /** How long the window that got a callback waits for another window to take it; 5 s by default. */
  waitMs?: number;
  clock?: Clock;
}

const PREFIX = 'light.callback.';
const WAIT_MS = 5_000;

interface Entry {
  query: string;
  at: number;
}

export class CallbackHandoff implements Disposable {
  private readonly clock: Clock;
  /** Key → nonce, for the nonces this window's sign-ins wait for. */
  private readonly expected = new Map<string, string>();
  /** Keys being taken, so that two change events deliver once. */
  private readonly taking = new Set<string>();
  private readonly subscriptions: Disposable[];

  constructor(private readonly options: CallbackHandoffOptions) {
    this.clock = options.clock ?? systemClock;
    this.subscriptions = [
      // A sign-in that starts waiting also looks for what is already there.
      options.broker.onDidExpect((nonce) => {
        for (const [key, n] of this.expected) if (!options.broker.expects(n)) this.expected.delete(key);
        this.expected.set(keyOf(nonce), nonce);
        void this.take(keyOf(nonce));
      }),
      options.secrets.onDidChange(({ key }) => {
        if (key.startsWith(PREFIX)) void this.take(key);
      }),
    ];
    void this.sweep();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }

  /** A callback from this window's URI handler: to this window's sign-in if it waits for it, else to the window that does. */
  async deliver(query: string | URLSearchParams): Promise<Handoff> {
    const params = typeof query === 'string' ? new URLSearchParams(query) : query;
    const nonce = callbackNonce(params);
    const { broker, logger } = this.options;
    if (!nonce || broker.expects(nonce) || broker.wasUsed(nonce)) return broker.deliver(params);
    logger.info('A sign-in callback this window did not start came in; offering it to the other windows.');
    if (await this.handOver(keyOf(nonce), params.toString())) {
      logger.info('Another window took the sign-in callback.');
      return 'handedOver';
    }
    return broker.deliver(params);
  }

  /** Stores the callback; true once another window deleted it, false when none did within the wait (it is deleted then). */
  private handOver(key: string, query: string): Promise<boolean> {
    const { secrets, logger } = this.options;
    return new Promise((resolve) => {
      let stored = false;
      let done = false;
      const finish = (taken: boolean) => {
        if (done) return;
        done = true;
        this.clock.clearTimeout(timer);
        sub.dispose();
        if (!taken) void Promise.resolve(secrets.delete(key)).then(undefined, () => undefined);
        resolve(taken);
      };
      const sub = secrets.onDidChange(({ key: changed }) => {
        if (changed !== key || !stored) return;
        void Promise.resolve(secrets.get(key)).then((value) => value === undefined && finish(true), () => undefined);
      });
      const timer = this.clock.setTimeout(() => finish(false), this.options.waitMs ?? WAIT_MS);
      const entry: Entry = { query, at: this.clock.now() };
      Promise.resolve(secrets.store(key, JSON.stringify(entry))).then(
        () => {
          stored = true;
        },
        (e: Error) => {
          logger.warn(`Could not offer the sign-in callback to the other windows: ${e.message}`);
          finish(false);
        },
      );
    });
  }

  /** Takes the entry at `key` when a sign-in of this window waits for its nonce. */
  private async take(key: string): Promise<void> {
    const nonce = this.expected.get(key);
    const { secrets, broker, logger } = this.options;
    if (!nonce || !broker.expects(nonce) || this.taking.has(key)) return;
    this.taking.add(key);
    try {
      const raw = await secrets.get(key);
      if (raw === undefined) return;
      await secrets.delete(key);
      const entry = this.fresh(raw);
      if (!entry || callbackNonce(new URLSearchParams(entry.query)) !== nonce) {
        logger.warn('Ignored a sign-in callback another window left: it is too old, or not the one this sign-in waits for.');
        return;
      }
      if (broker.deliver(entry.query) === 'accepted') logger.info('Took the sign-in callback that came in another window.');
    } catch (e) {
      logger.warn(`Could not take a sign-in callback from another window: ${(e as Error).message}`);
    } finally {
      this.taking.delete(key);
    }
  }

  /** Deletes entries that no sign-in waits for any more (left by a window that closed while it waited). */
  private async sweep(): Promise<void> {
    const { secrets } = this.options;
    try {
      const keys = (secrets.keys && (await secrets.keys())) ?? [];
      for (const key of keys.filter((k) => k.startsWith(PREFIX))) {
        const raw = await secrets.get(key);
        if (raw !== undefined && !this.fresh(raw)) await secrets.delete(key);
      }
    } catch {
      // the next window tries again
    }
  }

  private fresh(raw: string): Entry | undefined {
    try {
      const entry = JSON.parse(raw) as Partial<Entry>;
      // Either way: a window of a remote host may run on another machine's clock.
      const age = Math.abs(this.clock.now() - (entry.at ?? NaN));
      return typeof entry.query === 'string' && age <= this.options.signInTimeoutMs() ? (entry as Entry) : undefined;
    } catch {
      return undefined;
    }
  }
}

function keyOf(nonce: string): string {
  return PREFIX + createHash('sha256').update(nonce).digest('hex');
}
