// A workbench widget that is either shown or not (a dialog, the quick input): its visible element, and whether
// it is there.
import type { Locator, Page } from '@playwright/test';

export class VisibleWidget {
  /** The visible widget (none while it is hidden). */
  readonly root: Locator;

  constructor(
    readonly page: Page,
    selector: string,
  ) {
    this.root = page.locator(selector).filter({ visible: true });
  }

  async isOpen(): Promise<boolean> {
    return (await this.root.count()) > 0;
  }
}
