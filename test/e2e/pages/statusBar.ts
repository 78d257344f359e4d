// The status bar as a person sees it, Light's item in it, and the account menu that item opens.
import type { Locator, Page } from '@playwright/test';
import { until } from '../support/wait';
import type { QuickInput } from './quickInput';
import { oneLine } from './text';

const STATUS_ITEMS = '#workbench\\.parts\\.statusbar .statusbar-item';
const LIGHT_ITEM = '[id="lightinc.light-vscode.light.status"]';

export class LightStatusBar {
  constructor(
    readonly page: Page,
    readonly quickInput: QuickInput,
  ) {}

  /** Light's status bar item. */
  get item(): Locator {
    return this.page.locator(LIGHT_ITEM).first();
  }

  /** Text of the Light status bar item ('' while it is not there). */
  async text(): Promise<string> {
    const byId = this.page.locator(LIGHT_ITEM);
    if (await byId.count()) return oneLine(await byId.first().innerText());
    const texts = await this.page.locator(STATUS_ITEMS).allInnerTexts();
    return oneLine(texts.find((t) => /Sign in to Light|Signing in to Light|Northwind/.test(t)) || '');
  }

  /** Waits until the item's text is `expected` (or matches it); returns the text. */
  async waitForText(expected: string | RegExp, what: string, timeoutMs: number, everyMs = 250): Promise<string> {
    return until(async () => {
      const s = await this.text();
      return (typeof expected === 'string' ? s === expected : expected.test(s)) ? s : undefined;
    }, what, timeoutMs, everyMs);
  }

  /** Clicks the item and waits for Light's account menu, titled `title`. */
  async openMenu(title: RegExp = /^Light — /): Promise<LightAccountMenu> {
    await this.item.click();
    await this.quickInput.waitForTitle(title, 'the Light account menu', 10000);
    return new LightAccountMenu(this.quickInput);
  }
}

/** Light's account menu (a quick pick titled "Light — <account>"). */
export class LightAccountMenu {
  constructor(readonly quickInput: QuickInput) {}

  title(): Promise<string> {
    return this.quickInput.title();
  }

  labels(): Promise<string[]> {
    return this.quickInput.labels();
  }

  /** The "Sign out of <company> (…)" entry. */
  signOutEntry(company: string): Locator {
    return this.quickInput.row(new RegExp(`Sign out of ${company}`));
  }
}
