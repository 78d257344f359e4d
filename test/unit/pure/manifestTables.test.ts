// The README's tables of settings and commands say what package.json contributes: a setting or a command added,
// renamed or given another default without the README (or the other way round) fails here.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const NLS = JSON.parse(read('package.nls.json')) as Record<string, string>;

interface Command { command: string; title: string; category?: string }
interface Manifest {
  contributes: {
    commands: Command[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { properties: Record<string, { default?: unknown }> };
  };
}

/** A manifest string with its %key% replaced from package.nls.json, as VS Code shows it. */
function localized(value: string): string {
  const m = /^%(.+)%$/.exec(value);
  return m ? (NLS[m[1]] ?? `(no "${m[1]}" in package.nls.json)`) : value;
}

/** The rows of every table in `readme` whose first header cell is `first`, as arrays of trimmed cells. */
function tableRows(readme: string, first: string): string[][] {
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
  const lines = readme.split('\n');
  const rows: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('|') || !cells(lines[i])[0].startsWith(first) || !/^\|\s*-/.test(lines[i + 1] || '')) continue;
    for (i += 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(cells(lines[i]));
  }
  return rows;
}

/** How the Command Palette names a command: "Category: Title". */
const shownAs = (c: Command) => (c.category ? `${localized(c.category)}: ${localized(c.title)}` : localized(c.title));

/** Where the settings table and package.json disagree, one line each. */
function settingsDrift(readme: string, manifest: Manifest): string[] {
  const properties = manifest.contributes.configuration.properties;
  const rows = tableRows(readme, 'Setting');
  const drift: string[] = [];
  const listed = new Set<string>();
  for (const row of rows) {
    const name = /^`([\w.]+)`$/.exec(row[0])?.[1];
    if (!name) drift.push(`a row names no setting: ${row[0]}`);
    else if (!(name in properties)) drift.push(`${name} is in the README, not in package.json`);
    else {
      listed.add(name);
      const value = properties[name].default;
      const expected = value === '' || value === undefined ? '' : `\`${String(value)}\``;
      if (row[1] !== expected) drift.push(`${name}: the README's default is "${row[1]}", package.json's ${JSON.stringify(value)}`);
    }
  }
  for (const name of Object.keys(properties)) if (!listed.has(name)) drift.push(`${name} is in package.json, not in the README`);
  return drift;
}

/** Where the command tables and package.json disagree, one line each. */
function commandsDrift(readme: string, manifest: Manifest): string[] {
  const titles = tableRows(readme, 'Command').flatMap((r) => [...r[0].matchAll(/\*\*([^*]+)\*\*/g)].map((m) => m[1]));
  const { commands, menus } = manifest.contributes;
  const names = new Set(commands.map(shownAs));
  const drift = titles.filter((t) => !names.has(t)).map((t) => `"${t}" is in the README, not in package.json`);
  // What a person can find: in the Command Palette (not hidden with `when: false`) or in a menu.
  const hidden = new Set((menus.commandPalette || []).filter((m) => m.when === 'false').map((m) => m.command));
  const inAMenu = new Set(Object.entries(menus).filter(([where]) => where !== 'commandPalette').flatMap(([, items]) => items.map((m) => m.command)));
  for (const c of commands) {
    if ((!hidden.has(c.command) || inAMenu.has(c.command)) && !titles.includes(shownAs(c))) drift.push(`${c.command} ("${shownAs(c)}") is in package.json, not in the README`);
  }
  return drift;
}

describe("the README's settings and commands tables match package.json", () => {
  const readme = read('README.md');
  const manifest = JSON.parse(read('package.json')) as Manifest;
  const copy = (): Manifest => JSON.parse(JSON.stringify(manifest)) as Manifest;

  it('lists every setting once, with its default', () => {
    assert.ok(tableRows(readme, 'Setting').length >= 10, 'the README has its settings table');
    assert.deepStrictEqual(settingsDrift(readme, manifest), []);
  });

  it('names every command a person can find, by the name the Command Palette shows, and no other', () => {
    assert.ok(tableRows(readme, 'Command').length >= 10, 'the README has its command tables');
    assert.deepStrictEqual(commandsDrift(readme, manifest), []);
  });

  it('catches a drift: a new setting, a changed default, a renamed or a new command', () => {
    const m = copy();
    m.contributes.configuration.properties['light.new'] = { default: true };
    m.contributes.configuration.properties['light.oauth.loopbackPort'].default = 43118;
    const added = (drift: string[], before: string[]) => drift.filter((d) => !before.includes(d));
    assert.deepStrictEqual(added(settingsDrift(readme, m), settingsDrift(readme, manifest)), [
      'light.oauth.loopbackPort: the README\'s default is "`43117`", package.json\'s 43118',
      'light.new is in package.json, not in the README',
    ]);
    const c = copy();
    const signOut = c.contributes.commands.find((x) => x.command === 'light.signOut') as Command;
    signOut.title = 'Log Out';
    c.contributes.commands.push({ command: 'light.new', title: 'New Thing', category: '%command.category%' });
    assert.deepStrictEqual(added(commandsDrift(readme, c), commandsDrift(readme, manifest)), [
      '"Light: Sign Out" is in the README, not in package.json',
      'light.signOut ("Light: Log Out") is in package.json, not in the README',
      'light.new ("Light: New Thing") is in package.json, not in the README',
    ]);
  });
});
