// One VS Code window (a workbench page) as a person sees it: the parts the end-to-end tests drive.
import type { Page } from '@playwright/test';
import { AccountsMenu } from './accountsMenu';
import { AuthenticationPrompts } from './authentication';
import { Dialog } from './dialog';
import { OverlayWatch } from './notifications';
import { CommandPalette, QuickInput } from './quickInput';
import { LightStatusBar } from './statusBar';

export class Workbench {
  readonly quickInput: QuickInput;
  readonly palette: CommandPalette;
  readonly dialog: Dialog;
  readonly statusBar: LightStatusBar;
  readonly accounts: AccountsMenu;
  readonly auth: AuthenticationPrompts;
  /** Every notification and prompt of this window since `t0` (see OverlayWatch); stop it with `close()`. */
  readonly overlays: OverlayWatch;

  constructor(
    readonly page: Page,
    t0: number,
  ) {
    page.setDefaultTimeout(5000); // Playwright's own waits (click, innerText) stay well inside each step's
    this.quickInput = new QuickInput(page);
    this.palette = new CommandPalette(page, this.quickInput);
    this.dialog = new Dialog(page);
    this.statusBar = new LightStatusBar(page, this.quickInput);
    this.accounts = new AccountsMenu(page);
    this.auth = new AuthenticationPrompts(this.dialog, this.quickInput);
    this.overlays = new OverlayWatch(page, t0);
  }

  /** Clicks into the editor area (away from a hover or a menu). */
  async clickEditorArea(): Promise<void> {
    await this.page.locator('#workbench\\.parts\\.editor').click({ position: { x: 400, y: 200 } });
  }

  /** Waits until what is on screen stops moving (a toast sliding in), for a screenshot. */
  async settle(): Promise<void> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast').filter({ visible: true });
    for (const toast of await toasts.all()) await toast.click({ trial: true, timeout: 5000 }).catch(() => undefined);
  }

  async screenshot(file: string): Promise<void> {
    await this.settle();
    await this.page.screenshot({ path: file });
  }

  async close(): Promise<void> {
    await this.overlays.stop();
  }
}
