// VS Code's quick input (the command palette, quick picks and input boxes): one widget, shown or hidden.
import type { Locator, Page } from '@playwright/test';
import { until } from '../support/wait';
import { oneLine } from './text';
import { VisibleWidget } from './widget';

const QUICK_INPUT = '.quick-input-widget';

/** A row of a quick pick as shown (see QuickInput.entries). */
export interface QuickPickEntry {
  label: string;
  description?: string;
  detail?: string;
}

/** The little of the DOM `entries` reads (the project compiles without the DOM library). */
interface RowEl {
  textContent: string | null;
  getClientRects(): { length: number };
  querySelectorAll(selector: string): Iterable<RowEl>;
}

export class QuickInput extends VisibleWidget {
  constructor(page: Page) {
    super(page, QUICK_INPUT);
  }

  /** The text box of the visible quick input. */
  get input(): Locator {
    return this.root.locator('input.input').first();
  }

  async title(): Promise<string> {
    const title = this.root.locator('.quick-input-title');
    if (!(await title.count())) return '';
    return oneLine(await title.first().innerText({ timeout: 1000 }).catch(() => ''));
  }

  /** The prompt and description under the box. */
  async message(): Promise<string> {
    return oneLine(await this.root.locator('.quick-input-message, .quick-input-description').allInnerTexts().then((t) => t.join(' ')).catch(() => ''));
  }

  /** Label of the focused row of the visible quick pick. */
  async focusedLabel(): Promise<string | undefined> {
    const row = this.root.locator('.monaco-list-row.focused').first();
    if (!(await row.count())) return undefined;
    return oneLine(await row.locator('.label-name').first().innerText({ timeout: 1000 }).catch(() => ''));
  }

  /** Labels of every row of the visible quick pick. */
  async labels(): Promise<string[]> {
    return (await this.root.locator('.monaco-list-row .label-name').allInnerTexts()).map(oneLine);
  }

  /** The rows of the visible quick pick as shown: each row's label, description and detail (those it shows). */
  async entries(): Promise<QuickPickEntry[]> {
    return this.root.locator('.monaco-list-row').evaluateAll((els) =>
      (els as unknown as RowEl[])
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => {
          const shown = (sel: string) => [...el.querySelectorAll(sel)].filter((e) => e.getClientRects().length > 0).map((e) => (e.textContent || '').replace(/\s+/g, ' ').trim());
          const [label = '', detail] = shown('.label-name');
          const [description] = shown('.label-description').filter(Boolean);
          return { label, ...(description ? { description } : {}), ...(detail ? { detail } : {}) };
        }),
    );
  }

  /** The row whose label is exactly `label`. */
  entry(label: string): Locator {
    return this.root.locator('.monaco-list-row').filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) }).first();
  }

  /** The first row whose text matches. */
  row(text: string | RegExp): Locator {
    return this.root.locator('.monaco-list-row').filter({ hasText: text }).first();
  }

  /** `type` attribute of the box ('password' for a secret). */
  async inputType(): Promise<string | null> {
    return this.input.getAttribute('type');
  }

  async inputValue(): Promise<string> {
    return this.input.inputValue();
  }

  /** Waits until the quick input shows the title `title`. */
  async waitForTitle(title: string | RegExp, what: string, timeoutMs: number): Promise<string> {
    return until(async () => {
      const t = await this.title();
      return (typeof title === 'string' ? t === title : title.test(t)) ? t : undefined;
    }, what, timeoutMs);
  }

  async waitClosed(what = 'the quick input to close', timeoutMs = 5000): Promise<void> {
    await until(async () => !(await this.isOpen()), what, timeoutMs);
  }

  /** Types into the focused box as a person would. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text, { delay: 10 });
  }

  async submit(): Promise<void> {
    await this.page.keyboard.press('Enter');
  }

  async dismiss(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }
}

/** The command palette: F1, the label typed, Enter. */
export class CommandPalette {
  constructor(
    readonly page: Page,
    readonly quickInput: QuickInput,
  ) {}

  /** Opens the palette (F1), types `label`, checks that the focused entry is exactly `label`, runs it.
   *  Returns that entry and the palette's entries for what was typed. */
  async run(label: string): Promise<{ focused: string; labels: string[] }> {
    const q = this.quickInput;
    if (await q.isOpen()) await q.dismiss();
    // F1 goes nowhere while the workbench is still restoring its parts: press it again until the palette shows.
    await until(async () => {
      if (!(await q.isOpen())) {
        await this.page.keyboard.press('F1');
        await q.root.first().waitFor({ state: 'visible', timeout: 1000 }).catch(() => undefined);
      }
      return q.isOpen();
    }, 'the command palette to open (F1)', 10000);
    await until(async () => (await q.inputValue()).startsWith('>'), 'the palette to be in command mode', 5000);
    await this.page.keyboard.type(label, { delay: 15 });
    const focused = await until(async () => ((await q.focusedLabel()) === label ? label : undefined), `the palette to offer "${label}"`, 10000).catch(
      async (e: Error) => {
        throw new Error(`${e.message}; the palette shows ${JSON.stringify(await q.labels())}`);
      },
    );
    const labels = await q.labels();
    await q.submit();
    await until(async () => !(await q.isOpen()) || (await q.focusedLabel()) !== label, 'the palette to close', 5000);
    return { focused, labels };
  }
}
