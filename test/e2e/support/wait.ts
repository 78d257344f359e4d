// Waiting on conditions, and the notes a step leaves under its line in the report.
import { expect, test } from '@playwright/test';

export type Truthy<T> = Exclude<T, undefined | null | false | 0 | ''>;

/**
 * Polls `check` (expect.poll, every `everyMs`) until it returns something truthy, which is returned. A `check` that
 * throws counts as "not yet" (a file half written, a page navigating); after `timeoutMs` the wait fails naming
 * `what` and the last error.
 */
export async function until<T>(check: () => T | Promise<T>, what: string, timeoutMs: number, everyMs = 200): Promise<Truthy<T>> {
  let value: T | undefined;
  let lastError: Error | undefined;
  const t0 = Date.now();
  try {
    await expect
      .poll(
        async () => {
          try {
            value = await check();
            lastError = undefined;
            return Boolean(value);
          } catch (e) {
            lastError = e as Error;
            return false;
          }
        },
        { message: what, timeout: timeoutMs, intervals: [everyMs] },
      )
      .toBe(true);
  } catch {
    // expect.poll also gives up when the step's own time (or the run's budget, see fixtures.ts) runs out first.
    const waited = Date.now() - t0;
    const why = waited < timeoutMs - 250 ? `the step's ${test.info().timeout} ms ran out after ${waited} ms` : `timed out after ${timeoutMs} ms`;
    throw new Error(`${why} waiting for ${what}${lastError ? ` (${lastError.message})` : ''}`);
  }
  return value as Truthy<T>;
}

/** A line under this step's ✓ or ✗ in the report (an annotation of type "note"). */
export function note(text: string): void {
  test.info().annotations.push({ type: 'note', description: text });
}

/** A hard check: the step stops here when `ok` is falsy. */
export function assert(ok: unknown, message: string): asserts ok {
  expect(Boolean(ok), message).toBe(true);
}

/** A soft check: the step goes on, so that one failing run says everything that went wrong, and fails at its end. */
export function check(ok: unknown, message: string): boolean {
  expect.soft(Boolean(ok), message).toBe(true);
  return Boolean(ok);
}
