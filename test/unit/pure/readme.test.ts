import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../../../..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

function section(title: string): string {
  const start = README.indexOf(title);
  assert.ok(start >= 0, `README has "${title}"`);
  const rest = README.slice(start + title.length);
  const end = rest.search(/\n(#{2,3} |\| )/);
  return end < 0 ? rest : rest.slice(0, end);
}

const source = (file: string) => fs.readFileSync(path.join(ROOT, 'src', file), 'utf8');

/** Whether `name` (a function, or `Class.method`) is defined in `text`. */
function defines(text: string, name: string): boolean {
  const [owner, member] = name.includes('.') ? name.split('.') : [undefined, name];
  let body = text;
  if (owner) {
    const at = text.search(new RegExp(`\\bclass ${owner}\\b`));
    if (at < 0) return false;
    body = text.slice(at);
  }
  return new RegExp(`(function\\*?\\s+${member}\\b|^\\s+(private |public |static |async |readonly |get )*${member}\\s*[(<=:])`, 'm').test(body);
}

describe('the README', () => {
  const life = section('### The life of a token');
  // `core/auth/tokenStore.ts` `TokenStore.save`: a file, then what in it.
  const mentions = [...life.matchAll(/`((?:core|node|vscode)\/[\w/]+\.ts)`(?:\s+`([\w.]+)`)?/g)].map((m) => ({ file: m[1], name: m[2] }));

  it('names in the life of a token only files and functions that exist', () => {
    assert.ok(mentions.length > 20, `the section names its files (${mentions.length})`);
    for (const { file, name } of mentions) {
      assert.ok(fs.existsSync(path.join(ROOT, 'src', file)), `src/${file} exists`);
      if (name) assert.ok(defines(source(file), name), `src/${file} defines ${name}`);
    }
    // A `Class.method` named alone belongs to a class defined in one of the files named.
    const files = [...new Set(mentions.map((m) => m.file))];
    for (const [, name] of life.matchAll(/(?<!\.ts`\s)`([A-Z]\w+\.\w+)`/g)) {
      assert.ok(files.some((f) => defines(source(f), name)), `${name} is defined in a file the section names`);
    }
  });

  it('follows a token from sign-in to sign-out through at most eight files', () => {
    const road = life.slice(life.indexOf('1. **'), life.indexOf('Side roads'));
    const files = new Set([...road.matchAll(/`((?:core|node|vscode)\/[\w/]+\.ts)`/g)].map((m) => m[1]));
    assert.ok(files.size >= 5, `the road names its files: ${[...files].join(', ')}`);
    assert.ok(files.size <= 8, `${files.size} files: ${[...files].join(', ')}`);
  });

  it('lays out only files and folders that exist', () => {
    const layout = section('## Development').split('```')[1];
    for (const [, folder] of layout.matchAll(/^\s*((?:src|test)\/[\w/]*|\w+\/)\s/gm)) {
      const where = folder.startsWith('src/') || folder.startsWith('test/') ? folder : `src/${folder}`;
      assert.ok(fs.existsSync(path.join(ROOT, where)) || fs.existsSync(path.join(ROOT, 'src/core', folder)), `${folder} exists`);
    }
    const all = fs.readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).map((f) => path.basename(f));
    for (const [, file] of layout.matchAll(/\b(\w+(?:\.d)?\.ts)\b/g)) assert.ok(all.includes(file), `${file} is in src/`);
  });

  it('shows the pictures the end-to-end tests make, and only those', () => {
    const shown = [...README.matchAll(/!\[[^\]]+\]\(media\/readme\/([\w-]+)\.png\)/g)].map((m) => m[1]);
    const e2e = path.join(ROOT, 'test', 'e2e');
    const made = fs.readdirSync(e2e).filter((f) => f.endsWith('.spec.ts'))
      .flatMap((f) => [...fs.readFileSync(path.join(e2e, f), 'utf8').matchAll(/\bpicture\(\w+, '([\w-]+)'\)/g)].map((m) => m[1]));
    assert.ok(shown.length >= 5, `the README shows ${shown.length} pictures`);
    assert.deepStrictEqual([...shown].sort(), [...new Set(made)].sort(), 'the README shows what the specs take (test/e2e/support/pictures.ts)');
    const files = fs.readdirSync(path.join(ROOT, 'media', 'readme')).map((f) => f.replace(/\.png$/, ''));
    assert.deepStrictEqual(files.sort(), [...shown].sort(), 'media/readme/ holds the pictures the README shows');
  });
});
