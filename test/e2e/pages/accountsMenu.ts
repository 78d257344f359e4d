// VS Code's Accounts menu (the person icon at the bottom of the activity bar).
import type { Page } from '@playwright/test';
import { until } from '../support/wait';
import { oneLine } from './text';

export class AccountsMenu {
  constructor(readonly page: Page) {}

  /** Opens the menu, returns its entries, and closes it. */
  async entries(): Promise<string[]> {
    const page = this.page;
    const button = page.locator('#workbench\\.parts\\.activitybar .action-item').filter({ has: page.locator('[aria-label^="Accounts"]') }).first();
    await button.click();
    const items = page.locator('.monaco-menu .action-item .action-label').filter({ visible: true });
    await until(async () => (await items.count()) > 0, 'the Accounts menu', 5000);
    const labels = (await items.allInnerTexts()).map(oneLine);
    await page.keyboard.press('Escape');
    await until(async () => !(await items.count()), 'the Accounts menu to close', 5000);
    return labels;
  }

  /** The entries that are Light accounts ("<label> (Light)"). */
  static lightAccounts(entries: string[]): string[] {
    return entries.filter((a) => / \(Light\)$/.test(a));
  }
}
