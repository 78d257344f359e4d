// VS Code's walkthrough page (the Welcome editor showing one walkthrough) as a person sees it: its title, its steps
// with their completed-state checkmarks, and the buttons of the step that is open.
import type { Locator, Page } from '@playwright/test';
import { until } from '../support/wait';
import { oneLine } from './text';

/** One step of the walkthrough as the page shows it. */
export interface WalkthroughStep {
  /** the step's id in package.json (`environment`), without the walkthrough's `<extension>#<walkthrough>#` */
  id: string;
  title: string;
  /** the checkmark: VS Code's `.complete` codicon with `aria-checked="true"` */
  done: boolean;
  /** the checkmark's codicon (VS Code 1.100: `getting-started-step-checked` when done, `…-unchecked` when not) */
  icon: string;
  expanded: boolean;
}

/** The little of the DOM the step reader uses (the project compiles without the DOM library). */
interface El {
  textContent: string | null;
  className: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
}

const PAGE = '.gettingStartedContainer';
const STEP = 'button.getting-started-step';

export class WalkthroughPage {
  /** `category`: the walkthrough's id as VS Code knows it, `<publisher>.<name>#<walkthrough id>`. */
  constructor(
    readonly page: Page,
    readonly category: string,
  ) {}

  get root(): Locator {
    return this.page.locator(PAGE).filter({ visible: true });
  }

  /** The walkthrough's title on its page, while this walkthrough is the one shown. */
  get heading(): Locator {
    return this.root.locator(`.gettingStartedSlideDetails [x-category-title-for="${this.category}"]`).filter({ visible: true });
  }

  async isShown(): Promise<boolean> {
    return (await this.heading.count()) > 0;
  }

  async title(): Promise<string> {
    return oneLine(await this.heading.first().textContent());
  }

  async waitShown(what: string, timeoutMs: number): Promise<void> {
    await until(() => this.isShown(), what, timeoutMs);
  }

  /** The steps in the order shown, with their checkmarks. */
  async steps(): Promise<WalkthroughStep[]> {
    const prefix = `${this.category}#`;
    const all = await this.root.locator(STEP).evaluateAll((els) =>
      (els as unknown as El[]).map((el) => {
        const check = el.querySelector('[data-done-step-id]');
        const cls = check ? check.className : '';
        return {
          id: el.getAttribute('data-step-id') || '',
          title: (el.querySelector('.step-title')?.textContent || '').replace(/\s+/g, ' ').trim(),
          done: /\bcomplete\b/.test(cls) && check?.getAttribute('aria-checked') === 'true',
          icon: (/codicon-((?:getting-started-step|pass|circle)[\w-]*)/.exec(cls) || [])[1] || cls,
          expanded: el.getAttribute('aria-expanded') === 'true',
        };
      }),
    );
    return all.filter((s) => s.id.startsWith(prefix)).map((s) => ({ ...s, id: s.id.slice(prefix.length) }));
  }

  async stepState(id: string): Promise<WalkthroughStep | undefined> {
    return (await this.steps()).find((s) => s.id === id);
  }

  step(id: string): Locator {
    return this.root.locator(`${STEP}[data-step-id="${this.category}#${id}"]`).first();
  }

  /** Clicks the step's title (unless it is open already) and waits for it to open. */
  async open(id: string): Promise<void> {
    if ((await this.stepState(id))?.expanded) return;
    await this.step(id).locator('.step-title').first().click();
    await until(async () => (await this.stepState(id))?.expanded, `the step "${id}" to open`, 5000);
  }

  /** The buttons the open step `id` shows, by label. */
  async buttons(id: string): Promise<string[]> {
    return (await this.step(id).locator('.step-description-container .monaco-button').filter({ visible: true }).allInnerTexts()).map(oneLine);
  }

  button(id: string, label: string): Locator {
    return this.step(id).locator('.step-description-container .monaco-button').filter({ visible: true }).filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }).first();
  }

  /** Clicks the button `label` of the open step `id` once it has stopped moving: opening a step slides it open, and
   *  VS Code then focuses it, which may scroll the list of steps under the pointer. */
  async clickButton(id: string, label: string): Promise<void> {
    const button = this.button(id, label);
    let last = '';
    await until(async () => {
      const box = JSON.stringify(await button.boundingBox());
      const still = box === last && box !== 'null';
      last = box;
      return still;
    }, `the button "${label}" to stop moving`, 5000, 150);
    await button.click();
  }

  /** Waits until the step's checkmark shows it completed. */
  async waitDone(id: string, timeoutMs: number): Promise<WalkthroughStep> {
    return until(async () => {
      const s = await this.stepState(id);
      return s?.done ? s : undefined;
    }, `the step "${id}" to show as completed`, timeoutMs);
  }
}
