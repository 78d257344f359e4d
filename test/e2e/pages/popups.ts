// The pages the sign-in opens in the browser (VS Code's openExternal opens a popup in the same profile).
import type { BrowserContext, Page } from '@playwright/test';

/**
 * The pages the sign-in opens in `context` (any page that `isWindow` says is not a workbench window) and where they
 * navigate (`navigations`: origin and path only, since the query carries the authorization code).
 */
export class Popups {
  readonly navigations: string[] = [];
  private readonly pages: Page[] = [];

  constructor(
    readonly context: BrowserContext,
    readonly isWindow: (page: Page) => boolean,
  ) {
    context.on('page', (p) => this.pages.push(p));
    context.on('request', (req) => {
      if (!req.isNavigationRequest()) return;
      let fromWindow = false;
      try {
        fromWindow = isWindow(req.frame().page());
      } catch {
        // a popup's first navigations come before its page exists: they have no frame yet
      }
      if (fromWindow) return;
      const u = new URL(req.url());
      this.navigations.push(`${u.origin}${u.pathname}`);
    });
  }

  /** Navigations since the first `from` (a mark taken with `navigations.length`). */
  since(from: number): string[] {
    return this.navigations.slice(from);
  }

  /** Closes the popups that are still open. */
  async close(): Promise<void> {
    for (const p of this.pages) if (!this.isWindow(p) && !p.isClosed()) await p.close().catch(() => undefined);
  }
}
