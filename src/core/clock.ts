import * as l10n from '@vscode/l10n';
import { LightError } from './errors';

/** Time: the one way this extension reads the clock and waits (lint refuses `Date.now` and raw timers elsewhere in
 *  `src/`), so that tests can move it (test/support/fakeClock.ts). */
export interface Clock {
  /** Wall-clock epoch milliseconds, as shared by every window on the machine. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, Math.min(ms, 2 ** 31 - 1));
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

/** Resolves after `ms`; with a signal, rejects as cancelled once it aborts (and leaves no timer behind). */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new LightError('cancelled', l10n.t('Cancelled.')));
    if (ms <= 0) return resolve();
    const onAbort = () => {
      clock.clearTimeout(timer);
      reject(new LightError('cancelled', l10n.t('Cancelled.')));
    };
    const timer = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `work`'s result, or `late()`'s once `ms` passed first (the work goes on). */
export function within<T>(clock: Clock, work: Promise<T>, ms: number, late: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = clock.setTimeout(() => {
      try {
        resolve(late());
      } catch (e) {
        reject(e);
      }
    }, ms);
    work.then(
      (v) => {
        clock.clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clock.clearTimeout(timer);
        reject(e);
      },
    );
  });
}
