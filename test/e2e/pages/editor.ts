// The active editor as a person sees it: its tab, the lines on screen, its title bar's actions, and the find widget
// (which counts matches in the whole document, not only in the lines on screen).
import type { Locator, Page } from '@playwright/test';
import { until } from '../support/wait';
import { oneLine } from './text';

const GROUP = '#workbench\\.parts\\.editor .editor-group-container.active';

/** The little of the DOM the line reader below uses (the project compiles without the DOM library). */
interface El {
  textContent: string | null;
  getAttribute(name: string): string | null;
}

export class ActiveEditor {
  constructor(readonly page: Page) {}

  /** The active tab's label ("Acme Analytics Ltd.json"), '' when no editor is open. VS Code 1.100 shows the whole
   *  name in `.label-name`; newer VS Code shows the extension apart, in `.label-suffix` (name `Acme Analytics Ltd`,
   *  suffix `.json`): the label is the two together. */
  async tabLabel(): Promise<string> {
    const label = this.page.locator(`${GROUP} .tabs-container .tab.active .monaco-icon-label-container`).first();
    if (!(await label.count())) return '';
    const part = async (selector: string) => {
      const el = label.locator(selector);
      return (await el.count()) ? await el.first().innerText() : '';
    };
    return oneLine(`${await part('.label-name')}${await part('.label-suffix')}`);
  }

  /** Is the active tab a preview (its label in italics until the document is kept)? */
  async isPreview(): Promise<boolean> {
    return /\bitalic\b/.test((await this.page.locator(`${GROUP} .tabs-container .tab.active .monaco-icon-label`).first().getAttribute('class')) || '');
  }

  /** Waits until the active tab's label matches `label`. */
  async waitForTab(label: string | RegExp, what: string, timeoutMs = 10000): Promise<string> {
    return until(async () => {
      const l = await this.tabLabel();
      return (typeof label === 'string' ? l === label : label.test(l)) ? l : undefined;
    }, what, timeoutMs);
  }

  /** Has the active tab unsaved changes? */
  async isDirty(): Promise<boolean> {
    return /\bdirty\b/.test((await this.page.locator(`${GROUP} .tabs-container .tab.active`).first().getAttribute('class')) || '');
  }

  /** The language the status bar names for the active editor ("JSON"). */
  async languageMode(): Promise<string> {
    const item = this.page.locator('[id="status.editor.mode"]');
    return (await item.count()) ? oneLine(await item.first().innerText()).replace(/^\{\}\s*/, '') : '';
  }

  /** Types `text` where the cursor is (the start of the document, if the editor did not have the focus); returns
   *  the message the editor shows instead, if it shows one (a read-only editor says it cannot be edited). */
  async typeAtTop(text: string): Promise<string | undefined> {
    await this.focus();
    await this.page.keyboard.press('Control+Home');
    await this.page.keyboard.type(text);
    const message = this.page.locator(`${GROUP} .monaco-editor-overlaymessage .message`).filter({ visible: true });
    const said = await until(async () => ((await message.count()) ? oneLine(await message.first().innerText()) : undefined), 'the editor to say something', 3000).catch(() => undefined);
    if (said) {
      await this.page.keyboard.press('Escape');
      await until(async () => !(await message.count()), 'the editor\'s message to close', 3000);
    }
    return said;
  }

  /** Ctrl+Home: the cursor and the view at the top of the document. */
  async goToTop(): Promise<void> {
    await this.focus();
    await this.page.keyboard.press('Control+Home');
  }

  /** Clicks into the text (on its first line on screen, right of where a JSON line's start would hold a message). */
  async focus(): Promise<void> {
    await this.textArea.click({ position: { x: 300, y: 5 } });
  }

  get textArea(): Locator {
    return this.page.locator(`${GROUP} .editor-container .monaco-editor .view-lines`).first();
  }

  /** The lines of the document that are on screen, top to bottom, as shown (spaces as spaces). */
  async visibleLines(): Promise<string[]> {
    const lines = await this.page.locator(`${GROUP} .editor-container .monaco-editor .view-lines .view-line`).evaluateAll((els) =>
      (els as unknown as El[]).map((el) => ({
        top: parseFloat(/top:\s*(-?[\d.]+)px/.exec(el.getAttribute('style') || '')?.[1] || '0'),
        text: (el.textContent || '').replace(/\u00a0/g, ' '),
      })),
    );
    return lines.sort((a, b) => a.top - b.top).map((l) => l.text);
  }

  /** The line on screen that holds the JSON property `name`. */
  async visibleProperty(name: string): Promise<string | undefined> {
    return (await this.visibleLines()).find((l) => l.trimStart().startsWith(`"${name}":`));
  }

  /** The editor title bar's actions (icon buttons right of the tabs). */
  async titleActions(): Promise<string[]> {
    return this.page
      .locator(`${GROUP} .editor-actions .action-label`)
      .filter({ visible: true })
      .evaluateAll((els) => (els as unknown as El[]).map((e) => (e.getAttribute('aria-label') || '').split('\n')[0]).filter(Boolean));
  }

  titleAction(name: string): Locator {
    return this.page.locator(`${GROUP} .editor-actions .action-label[aria-label="${name}"]`).filter({ visible: true }).first();
  }

  /** Clicks the title bar's action `name`, then waits until the action `next` takes its place (a toggle), if given. */
  async clickTitleAction(name: string, next?: string): Promise<void> {
    await this.titleAction(name).click();
    if (next) await until(async () => (await this.titleAction(next).count()) > 0, `the editor title to offer "${next}"`, 5000);
  }

  private get findWidget(): Locator {
    return this.page.locator(`${GROUP} .editor-widget.find-widget.visible`).first();
  }

  /**
   * Ctrl+F in the editor, types `text` into the find widget and returns what the widget says: its match count
   * ("1 of 1", "No results") over the whole document. Moves the editor to the first match. The widget stays open.
   */
  async find(text: string): Promise<string> {
    if (!(await this.findWidget.count())) {
      await this.focus();
      await this.page.keyboard.press('Control+f');
      await until(async () => (await this.findWidget.count()) > 0, 'the find widget to open', 5000);
    }
    const input = this.findWidget.locator('.find-part textarea, .find-part input').first();
    await input.focus();
    await this.page.keyboard.press('Control+a');
    await this.page.keyboard.type(text, { delay: 5 });
    const count = this.findWidget.locator('.matchesCount');
    return until(async () => {
      if ((await input.inputValue()) !== text) return undefined;
      const said = oneLine(await count.innerText());
      return /^(No results|\d+ of \d+)$/.test(said) ? said : undefined;
    }, `the find widget to count "${text}"`, 10000);
  }

  async closeFind(): Promise<void> {
    if (!(await this.findWidget.count())) return;
    await this.page.keyboard.press('Escape');
    await until(async () => !(await this.findWidget.count()), 'the find widget to close', 5000);
  }
}
