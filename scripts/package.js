// `npm run package`: the release .vsix, light-vscode-<version>.vsix (or `--out <file>`). Copies what may go into the
// package to a staging folder (.vscode-test/package), builds the minified bundle there (without the test hooks; the
// working dist/ is left alone), packages it with @vscode/vsce (which also refuses files that look like secrets), and
// refuses a package holding anything users do not need: the bundle, media, the README, CHANGELOG, LICENSE, the
// manifest and its strings, the translations, and the public API's .d.ts. Prints the size and the files.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const STAGE = path.join(ROOT, '.vscode-test', 'package');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('--out');
const out = path.resolve(ROOT, outArg > 0 ? process.argv[outArg + 1] : `${pkg.name}-${pkg.version}.vsix`);
const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** What may go into the package (.vscodeignore then decides), copied to the staging folder. */
const CANDIDATES = ['package.json', 'package.nls.json', '.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE', 'media', 'l10n', 'src/lightApi.d.ts'];
/** What a user's VS Code needs from the package, as patterns over the paths vsce lists. */
const NEEDED = [/^package\.json$/, /^package\.nls(\.[a-z-]+)?\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/, /^dist\/[\w-]+\.js$/,
  /^media\/[\w./-]+\.(png|svg|md)$/, /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/, /^src\/lightApi\.d\.ts$/];
const MUST = ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'src/lightApi.d.ts'];

function fail(message) {
  console.error(`[package] ${message}`);
  process.exit(1);
}

const run = (args, cwd = STAGE) => execFileSync(process.execPath, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

fs.rmSync(STAGE, { recursive: true, force: true });
for (const c of CANDIDATES) {
  if (fs.existsSync(path.join(ROOT, c))) fs.cpSync(path.join(ROOT, c), path.join(STAGE, c), { recursive: true });
}
run([path.join(ROOT, 'esbuild.js'), '--production', '--outdir', path.join(STAGE, 'dist')], ROOT);

const files = run([vsce, 'ls', '--no-dependencies']).split('\n').map((l) => l.trim()).filter(Boolean);
const unneeded = files.filter((f) => !NEEDED.some((p) => p.test(f)));
if (unneeded.length) fail(`not for users, keep it out with .vscodeignore: ${unneeded.join(', ')}`);
const missing = MUST.filter((f) => !files.includes(f));
if (missing.length) fail(`missing from the package: ${missing.join(', ')}`);
const hooks = fs.readFileSync(path.join(STAGE, 'dist', 'extension.js'), 'utf8').includes('light.test.');
if (hooks) fail('the bundle has the test hooks (light.test.*): it must be the release build');

fs.mkdirSync(path.dirname(out), { recursive: true });
process.stdout.write(run([vsce, 'package', '--no-dependencies', '--out', out]));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`[package] ${path.relative(ROOT, out)}: ${kb(fs.statSync(out).size)}, ${files.length} files`);
for (const f of files) console.log(`  ${f.padEnd(40)} ${kb(fs.statSync(path.join(STAGE, f)).size).padStart(9)}`);
