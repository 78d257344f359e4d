// The Light view as a person sees it: its entry in the activity bar, the welcome view signed out, and the tree
// signed in (rows by label, expanding, scrolling, inline actions, the context menu, the view title's actions).
import type { Locator, Page } from '@playwright/test';
import { until } from '../support/wait';
import { oneLine } from './text';

const SIDEBAR = '#workbench\\.parts\\.sidebar';
/** The Light view container (`viewsContainers.activitybar` id `light`). */
const CONTAINER = '#workbench\\.view\\.extension\\.light';
/** A row of the tree, not its copy in the sticky header (the groups whose children are in view stay at the top). */
const ROW = '.monaco-list-row[role="treeitem"]:not(.monaco-tree-sticky-row)';
const STICKY = '.monaco-tree-sticky-container';

/** One rendered row of the tree, as the DOM describes it. */
export interface TreeRow {
  /** its place in the whole tree as shown (0 is the top row) */
  index: number;
  level: number;
  label: string;
  description: string;
  /** its place among its siblings (1-based), and how many siblings the tree says it has */
  posInSet: number;
  setSize: number;
  expanded?: boolean;
  /** the codicon of its icon (`pass`, `warning`, `organization`, …) */
  icon: string;
}

/** The little of the DOM the row reader below uses (the project compiles without the DOM library). */
interface El {
  textContent: string | null;
  className: string;
  getAttribute(name: string): string | null;
  querySelector(selector: string): El | null;
}

export class LightExplorer {
  constructor(readonly page: Page) {}

  /** The Light icon in the activity bar. */
  get activityBarEntry(): Locator {
    return this.page.locator('#workbench\\.parts\\.activitybar li.action-item a.action-label[aria-label="Light"]').first();
  }

  /** The view container while it is shown in the side bar. */
  get container(): Locator {
    return this.page.locator(`${SIDEBAR} ${CONTAINER}`).filter({ visible: true });
  }

  /** The side bar's title while the Light view is shown ("Light: Records"). */
  async title(): Promise<string> {
    // textContent: the side bar shows it in capitals (CSS), and innerText would say so
    return oneLine(await this.page.locator(`${SIDEBAR} .composite.title .title-label h2`).first().textContent());
  }

  async isShown(): Promise<boolean> {
    return (await this.container.count()) > 0;
  }

  /** Clicks the Light icon in the activity bar (unless the view is shown already) and waits for the view. */
  async open(): Promise<void> {
    if (await this.isShown()) return;
    await this.activityBarEntry.click();
    await until(() => this.isShown(), 'the Light view to show in the side bar', 10000);
  }

  // The welcome view (signed out).

  get welcome(): Locator {
    return this.container.locator('.welcome-view-content').filter({ visible: true });
  }

  /** The welcome view's text, paragraph by paragraph, and its buttons. */
  async welcomeContent(): Promise<{ paragraphs: string[]; buttons: string[] }> {
    const w = this.welcome.first();
    return {
      paragraphs: (await w.locator('p').allInnerTexts()).map(oneLine),
      buttons: (await w.locator('.monaco-button').allInnerTexts()).map(oneLine),
    };
  }

  welcomeButton(name: string): Locator {
    return this.welcome.first().getByRole('button', { name, exact: true });
  }

  // The tree (signed in).

  get tree(): Locator {
    return this.container.locator('.monaco-list[role="tree"]').filter({ visible: true }).first();
  }

  /** The rendered row whose label is exactly `label` (the first such row, in the tree's order). */
  row(label: string): Locator {
    return this.container.locator(ROW).filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) }).first();
  }

  /** The rendered row at `index` in the tree as shown (0 is the top row). */
  rowAt(index: number): Locator {
    return this.container.locator(`${ROW}[data-index="${index}"]`).first();
  }

  /** The row labelled `label`, or its copy in the sticky header when the row itself is scrolled away. */
  private shownRow(label: string): Locator {
    return this.tree.locator('.monaco-list-row[role="treeitem"]').filter({ has: this.page.locator('.label-name').getByText(label, { exact: true }) }).first();
  }

  /** A row given by its label, or as a locator. */
  private resolve(target: string | Locator): Locator {
    return typeof target === 'string' ? this.row(target) : target;
  }

  /** The rows the tree has rendered (those in view, and a few around), top to bottom. */
  async rows(): Promise<TreeRow[]> {
    if (!(await this.tree.count())) return [];
    const rows = await this.tree.locator(ROW).evaluateAll((els) =>
      (els as unknown as El[]).map((el) => {
        const text = (sel: string) => (el.querySelector(sel)?.textContent || '').replace(/\s+/g, ' ').trim();
        const expanded = el.getAttribute('aria-expanded');
        const icon = /codicon-([\w-]+)/.exec(el.querySelector('.custom-view-tree-node-item-icon')?.className || '');
        return {
          index: Number(el.getAttribute('data-index')),
          level: Number(el.getAttribute('aria-level')),
          label: text('.label-name'),
          description: text('.label-description'),
          posInSet: Number(el.getAttribute('aria-posinset')),
          setSize: Number(el.getAttribute('aria-setsize')),
          expanded: expanded === null ? undefined : expanded === 'true',
          icon: icon ? icon[1] : '',
        };
      }),
    );
    return rows.sort((a, b) => a.index - b.index);
  }

  /** The rendered rows under the group labelled `group`: those in view, when the group's own row is in view or
   *  held in the sticky header above them. */
  async rowsUnder(group: string): Promise<TreeRow[]> {
    const head = this.shownRow(group);
    const at = (await head.count()) ? Number(await head.getAttribute('data-index')) : NaN;
    if (Number.isNaN(at)) return [];
    const out: TreeRow[] = [];
    for (const r of (await this.rows()).filter((x) => x.index > at)) {
      if (r.level <= 1 || (out.length && r.index !== out[out.length - 1].index + 1)) break;
      out.push(r);
    }
    return out;
  }

  /** The top-level rows: the company, then the groups. */
  async topLevel(): Promise<TreeRow[]> {
    return (await this.rows()).filter((r) => r.level === 1);
  }

  /** The text after a row's label (a group's count and filter). */
  async description(label: string): Promise<string> {
    const d = this.shownRow(label).locator('.label-description');
    return (await d.count()) ? oneLine(await d.first().innerText()) : '';
  }

  async isExpanded(label: string): Promise<boolean> {
    const row = this.shownRow(label);
    return (await row.count()) > 0 && (await row.getAttribute('aria-expanded')) === 'true';
  }

  /** Clicks the twistie of a collapsed group and waits for the tree to show it expanded. */
  async expand(label: string): Promise<void> {
    if (await this.isExpanded(label)) return;
    await this.scrollTo(label);
    await this.row(label).locator('.monaco-tl-twistie').click();
    await until(() => this.isExpanded(label), `"${label}" to expand`, 5000);
  }

  /** Clicks the twistie of an expanded group and waits for the tree to show it collapsed. */
  async collapse(label: string): Promise<void> {
    if (!(await this.isExpanded(label))) return;
    await this.scrollTo(label);
    await this.row(label).locator('.monaco-tl-twistie').click();
    await until(async () => !(await this.isExpanded(label)), `"${label}" to collapse`, 5000);
  }

  /** Is `row` rendered and wholly inside the tree's visible area? */
  private async inView(row: Locator): Promise<boolean> {
    if (!(await row.count())) return false;
    const [box, area] = await Promise.all([row.boundingBox(), this.tree.boundingBox()]);
    if (!box || !area) return false;
    const sticky = this.tree.locator(STICKY).filter({ visible: true });
    const covered = (await sticky.count()) ? ((await sticky.first().boundingBox())?.height ?? 0) : 0;
    return box.y >= area.y + covered - 1 && box.y + box.height <= area.y + area.height + 1;
  }

  /**
   * Scrolls the tree with the mouse wheel until the row labelled `label` (or the row `locator` finds) is in view:
   * down while it lies below what is shown (or is not rendered and `direction` is down), up while above. The tree
   * moves about 50 px a notch, whatever the wheel's delta: several notches at a time while the row is not rendered
   * (less than the view's height, so it cannot be passed), one at a time once it is.
   */
  async scrollTo(target: string | Locator, direction: 'down' | 'up' = 'down', timeoutMs = 15000): Promise<void> {
    const row = this.resolve(target);
    const what = typeof target === 'string' ? `"${target}"` : 'the row';
    await until(async () => {
      if (await this.inView(row)) return true;
      const area = await this.tree.boundingBox();
      if (!area) return false;
      let down = direction === 'down';
      const box = (await row.count()) ? await row.boundingBox() : null;
      if (box) down = box.y + box.height > area.y + area.height + 1;
      // At the tree's left edge, in the rows' indent, where no hover shows (the wheel would scroll a hover instead).
      await this.page.mouse.move(area.x + 6, area.y + area.height / 2);
      const notches = box ? 1 : Math.max(1, Math.floor(area.height / 60)); // about 50 px a notch: less than the view
      for (let n = 0; n < notches; n++) await this.page.mouse.wheel(0, down ? 100 : -100);
      return false;
    }, `${what} to scroll into view`, timeoutMs, 50);
  }

  /** Scrolls the tree back to its top row. */
  async scrollToTop(): Promise<void> {
    const top = this.container.locator(`${ROW}[data-index="0"]`);
    await this.scrollTo(top, 'up');
  }

  /** Hovers a row and clicks its inline action named `action` (the icon buttons at its right end). */
  async clickInline(label: string, action: string): Promise<void> {
    await this.scrollTo(label);
    const row = this.row(label);
    await row.hover();
    const button = row.locator(`.actions .action-label[aria-label="${action}"]`);
    await until(() => button.isVisible(), `the inline action "${action}" on "${label}"`, 5000);
    await button.click();
  }

  /** The inline actions a row shows while the pointer is on it. */
  async inlineActions(label: string): Promise<string[]> {
    const row = this.row(label);
    await row.hover();
    return (await row.locator('.actions .action-label').evaluateAll((els) => (els as unknown as El[]).map((e) => e.getAttribute('aria-label') || ''))).filter(Boolean);
  }

  // The context menu.

  get menu(): Locator {
    return this.page.locator('.context-view .monaco-menu').filter({ visible: true }).first();
  }

  /** Right-clicks a row and returns the entries of its context menu (separators left out); the menu stays open. */
  async openContextMenu(target: string | Locator): Promise<string[]> {
    await this.scrollTo(target);
    await this.resolve(target).click({ button: 'right' });
    const items = this.menu.locator('.action-item:not(.disabled) .action-label');
    await until(async () => (await items.count()) > 0, `the context menu of ${typeof target === 'string' ? `"${target}"` : 'the row'}`, 5000);
    return (await items.allInnerTexts()).map(oneLine).filter(Boolean);
  }

  /** Clicks the open context menu's entry labelled exactly `name`. */
  async clickMenu(name: string): Promise<void> {
    await this.menu.locator('.action-item .action-label').getByText(name, { exact: true }).click();
    await until(async () => !(await this.menu.count()), 'the context menu to close', 5000);
  }

  async closeMenu(): Promise<void> {
    await this.page.keyboard.press('Escape');
    await until(async () => !(await this.menu.count()), 'the context menu to close', 5000);
  }

  // The view's title bar.

  /** The view title's actions (the icon buttons beside "Light: Records"). */
  async titleActions(): Promise<string[]> {
    return this.page
      .locator(`${SIDEBAR} .composite.title .title-actions .action-label`)
      .filter({ visible: true })
      .evaluateAll((els) => (els as unknown as El[]).map((e) => e.getAttribute('aria-label') || ''));
  }

  async clickTitleAction(name: string): Promise<void> {
    await this.page.locator(`${SIDEBAR} .composite.title .title-actions .action-label[aria-label="${name}"]`).filter({ visible: true }).first().click();
  }
}
