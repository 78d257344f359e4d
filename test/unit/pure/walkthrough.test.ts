// The walkthrough "Get Started with Light" as package.json contributes it: its strings, media, buttons and completion
// events point at things that exist, and the example its last step copies compiles against src/lightApi.d.ts.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { compileAsConsumer } from '../../support/consumerCompile';

const ROOT = path.resolve(__dirname, '../../../..');
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const NLS = JSON.parse(read('package.nls.json')) as Record<string, string>;
/** The walkthrough's adapter and the part its buttons load. */
const SOURCE = read('src/vscode/walkthrough.ts') + read('src/vscode/walkthroughSteps.ts');

interface Step {
  id: string;
  title: string;
  description: string;
  media: { svg?: string; image?: string; markdown?: string; altText?: string };
  completionEvents?: string[];
}
interface Manifest {
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    viewsContainers: Record<string, { id: string }[]>;
    walkthroughs: { id: string; title: string; description: string; steps: Step[] }[];
  };
}
const manifest = JSON.parse(read('package.json')) as Manifest;
const { commands, views, viewsContainers, walkthroughs } = manifest.contributes;

/** A manifest string with its %key% replaced from package.nls.json (undefined when the key is missing). */
const localized = (value: string) => (/^%(.+)%$/.test(value) ? NLS[value.slice(1, -1)] : value);
/** Every `light.` string constant the sources set as a context key. */
const contextKeysSet = () =>
  fs
    .readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => {
      const text = read(path.join('src', f));
      const constants = new Map([...text.matchAll(/const (\w+) = '(light\.[\w.]+)'/g)].map((m) => [m[1], m[2]]));
      return [...text.matchAll(/'setContext', (?:'(light\.[\w.]+)'|(\w+))/g)].map((m) => m[1] ?? constants.get(m[2]));
    });

describe('the walkthrough "Get Started with Light"', () => {
  it('is the one walkthrough, with the id the extension opens', () => {
    assert.strictEqual(walkthroughs.length, 1);
    const id = /export const WALKTHROUGH_ID = '([^']+)'/.exec(SOURCE)?.[1];
    assert.strictEqual(walkthroughs[0].id, id);
    assert.strictEqual(localized(walkthroughs[0].title), 'Get Started with Light');
    assert.ok(localized(walkthroughs[0].description));
  });

  it('has its strings in package.nls.json and its media in media/walkthrough', () => {
    for (const step of walkthroughs[0].steps) {
      for (const value of [step.title, step.description]) assert.ok(localized(value), `${step.id}: ${value} is in package.nls.json`);
      const file = step.media.svg ?? step.media.image ?? step.media.markdown;
      assert.ok(file && /^media\/walkthrough\/[\w-]+\.(svg|png|md)$/.test(file), `${step.id}: media ${file}`);
      assert.ok(fs.existsSync(path.join(ROOT, file)), `${file} exists`);
      if (!step.media.markdown) assert.ok(step.media.altText && localized(step.media.altText), `${step.id}: the image has an altText`);
      if (file.endsWith('.svg')) assert.ok(/var\(--vscode-[\w-]+/.test(read(file)), `${file} uses the theme's colours`);
    }
  });

  it('has buttons that run commands Light contributes (or the Light view container\'s)', () => {
    const known = new Set([...commands.map((c) => c.command), ...Object.values(viewsContainers).flat().map((c) => `workbench.view.extension.${c.id}`)]);
    for (const step of walkthroughs[0].steps) {
      const buttons = [...(localized(step.description) ?? '').matchAll(/\]\(command:([\w.]+)[^)]*\)/g)].map((m) => m[1]);
      assert.ok(buttons.length, `${step.id} has a button`);
      for (const b of buttons) assert.ok(known.has(b), `${step.id}: ${b} is contributed`);
    }
  });

  it('completes every step on events that can happen: its commands, views, settings and context keys', () => {
    const contributed = new Set(commands.map((c) => c.command));
    const viewIds = new Set(Object.values(views).flat().map((v) => v.id));
    const keys = new Set(contextKeysSet());
    for (const step of walkthroughs[0].steps) {
      assert.ok(step.completionEvents?.length, `${step.id} has completionEvents`);
      for (const event of step.completionEvents ?? []) {
        const [, kind, arg] = /^(\w+):(.+)$/.exec(event) ?? [];
        if (kind === 'onCommand') assert.ok(contributed.has(arg), `${step.id}: ${event}`);
        else if (kind === 'onView') assert.ok(viewIds.has(arg), `${step.id}: ${event}`);
        else if (kind === 'onSettingChanged') assert.ok(/^light\./.test(arg), `${step.id}: ${event}`);
        else if (kind === 'onContext') assert.ok(keys.has(arg), `${step.id}: ${event} (set by the extension: ${[...keys].join(', ')})`);
        else assert.fail(`${step.id}: ${event} is not an event this test knows`);
      }
    }
  });

  it('contributes every command the walkthrough registers', () => {
    const steps = /STEP_COMMANDS = \[([^\]]*)\]/.exec(SOURCE)?.[1] ?? '';
    const registered = [...SOURCE.matchAll(/registerCommand\('(light\.[\w.]+)'/g), ...steps.matchAll(/'(light\.[\w.]+)'/g)].map((m) => m[1]);
    assert.ok(registered.includes('light.copyApiExample'), `the steps' commands: ${registered.join(', ')}`);
    assert.ok(registered.includes('light.openWalkthrough'), `the walkthrough's commands: ${registered.join(', ')}`);
    for (const c of registered) assert.ok(commands.some((x) => x.command === c), `${c} is in package.json`);
  });

  it('copies an example that compiles against src/lightApi.d.ts, as a consumer would', function () {
    this.timeout(60_000);
    const example = /export const API_EXAMPLE = `([\s\S]*?)`;/.exec(SOURCE)?.[1];
    assert.ok(example && example.includes("from './lightApi'") && example.includes("getSession('light'") && example.includes('getApi(1)'), 'the example');
    assert.deepStrictEqual(compileAsConsumer(example), []);
  });
});
