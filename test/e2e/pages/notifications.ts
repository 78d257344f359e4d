// Notifications (toasts and the notification center), and a watch over everything the workbench shows besides the
// editor while a test runs: every notification, and when a dialog or quick input was on screen.
import type { Page } from '@playwright/test';
import { until } from '../support/wait';

export type Severity = 'error' | 'warning' | 'info';

export interface Notification {
  severity: Severity;
  text: string;
}

/** A notification as the watch saw it first, `atMs` after the watch's `t0`. */
export interface SeenNotification extends Notification {
  atMs: number;
}

export interface Prompt {
  atMs: number;
  text: string;
}

/** What the workbench shows besides the editor, at one moment. */
export interface Overlays {
  notifications: Notification[];
  /** `dialog: <text>` and `quick input: <title or placeholder>` of what is on screen */
  prompts: string[];
}

/** What a notification says when the session ended (or asks to sign in again). */
export const ENDED_NOTIFICATION = /session\b.*\bended|sign in again/i;

/** The little of the DOM the sampler below uses, typed here (the project compiles without the DOM library). */
interface El {
  textContent: string | null;
  className: string;
  value?: string;
  getClientRects(): { length: number };
  querySelector(selector: string): El | null;
  getAttribute(name: string): string | null;
}
interface Doc {
  querySelectorAll(selector: string): Iterable<El>;
}

/** The notification toasts, the notification center and what is on screen, read in one round trip. */
export function sampleOverlays(page: Page): Promise<Overlays> {
  return page.evaluate(() => {
    const document = (globalThis as unknown as { document: Doc }).document;
    const text = (el: El | null) => (el ? el.textContent || '' : '').replace(/\s+/g, ' ').trim();
    const shown = (el: El) => el.getClientRects().length > 0;
    const notifications = [...document.querySelectorAll('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')].map((el) => {
      const icon = el.querySelector('.notification-list-item-icon');
      const cls = icon ? icon.className : '';
      const severity: Severity = /codicon-error/.test(cls) ? 'error' : /codicon-warning/.test(cls) ? 'warning' : 'info';
      return { severity, text: text(el.querySelector('.notification-list-item-message') || el) };
    });
    const prompts = [
      ...[...document.querySelectorAll('.monaco-dialog-box')].filter(shown).map((el) => `dialog: ${text(el)}`),
      ...[...document.querySelectorAll('.quick-input-widget')].filter(shown).map((el) => {
        const input = el.querySelector('input.input');
        return `quick input: ${text(el.querySelector('.quick-input-title')) || (input && (input.getAttribute('placeholder') || input.value)) || ''}`;
      }),
    ];
    return { notifications, prompts };
  });
}

/** How often the watch looks: its sampling rate, not a wait for anything. */
const SAMPLE_EVERY_MS = 250;

/**
 * Every notification that shows up in the window of `page` while the test runs (`seen`, by severity and text, with
 * when it was first seen, in ms since `t0`), and when a dialog or quick input was on screen (`prompts`).
 */
export class OverlayWatch {
  readonly seen = new Map<string, SeenNotification>();
  readonly prompts: Prompt[] = [];
  private watching = true;
  private samples = 0;
  private readonly loop: Promise<void>;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;

  constructor(
    readonly page: Page,
    readonly t0: number,
  ) {
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (this.watching) {
      try {
        const o = await sampleOverlays(this.page);
        const atMs = Date.now() - this.t0;
        for (const n of o.notifications) {
          const key = `${n.severity}: ${n.text}`;
          if (!this.seen.has(key)) this.seen.set(key, { ...n, atMs });
        }
        for (const text of o.prompts) this.prompts.push({ atMs, text });
        this.samples++;
      } catch {
        // the page is navigating or closing
      }
      if (!this.watching) break;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(resolve, SAMPLE_EVERY_MS);
      });
    }
  }

  /** Resolves once the watch has taken a whole look that began after this call. */
  async nextSample(timeoutMs = 5000): Promise<void> {
    const target = this.samples + 2; // the look under way may have begun before this call
    await until(() => this.samples >= target, 'the notification watch to take another look', timeoutMs, 50);
  }

  /** The notifications seen at or after `atMs`. */
  since(atMs: number): SeenNotification[] {
    return [...this.seen.values()].filter((n) => n.atMs >= atMs);
  }

  /** Waits until a notification whose text matches `text` has been seen. */
  async waitFor(text: RegExp, what: string, timeoutMs: number): Promise<SeenNotification> {
    return until(() => [...this.seen.values()].find((n) => text.test(n.text)), what, timeoutMs, 100);
  }

  /** Errors, Light's warnings, and anything that says the session ended. */
  badNotifications(): SeenNotification[] {
    return [...this.seen.values()].filter((n) => n.severity === 'error' || (n.severity === 'warning' && /Light/.test(n.text)) || ENDED_NOTIFICATION.test(n.text));
  }

  async stop(): Promise<void> {
    this.watching = false;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
  }
}

/** Closes the notification toasts on screen, one by one, with the "×" each shows under the pointer. */
export async function dismissToasts(page: Page): Promise<number> {
  const toasts = page.locator('.notifications-toasts .notification-toast').filter({ visible: true });
  let closed = 0;
  await until(async () => {
    const toast = toasts.first();
    if (!(await toast.count())) return true;
    await toast.hover();
    await toast.locator('.codicon-notifications-clear').first().click({ timeout: 2000 });
    closed++;
    return false;
  }, 'the notification toasts to close', 10000, 100);
  return closed;
}
