// VS Code's modal dialogs (Light's first-run guide and questions, VS Code's consent dialogs).
import type { Page } from '@playwright/test';
import { until } from '../support/wait';
import { oneLine } from './text';
import { VisibleWidget } from './widget';

const DIALOG = '.monaco-dialog-box';

export interface DialogParts {
  message: string;
  detail: string;
  buttons: string[];
}

export class Dialog extends VisibleWidget {
  constructor(page: Page) {
    super(page, DIALOG);
  }

  /** The visible dialog's message, detail and button labels. */
  async parts(): Promise<DialogParts> {
    const d = this.root.first();
    const text = async (sel: string) => ((await d.locator(sel).count()) ? oneLine(await d.locator(sel).first().innerText()) : '');
    return {
      message: await text('.dialog-message-text'),
      detail: await text('.dialog-message-detail'),
      buttons: (await d.locator('.dialog-buttons .monaco-button').allInnerTexts()).map(oneLine),
    };
  }

  /** Clicks the button labelled exactly `name`. */
  async click(name: string): Promise<void> {
    await this.root.first().getByRole('button', { name, exact: true }).click();
  }

  async waitOpen(what: string, timeoutMs: number): Promise<void> {
    await until(() => this.isOpen(), what, timeoutMs);
  }

  async waitClosed(what = 'the dialog to close', timeoutMs = 5000): Promise<void> {
    await until(async () => !(await this.isOpen()), what, timeoutMs, 100);
  }
}

/** What a dialog says: its message, or, in a dialog without detail, the detail's place, where VS Code shows it. */
export const said = (parts: DialogParts): string => parts.message || parts.detail;
