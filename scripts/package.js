// `npm run package`: the release .vsix, light-vscode-<version>.vsix (or `--out <file>`). Builds the minified bundle
// (without the test hooks), packages it with @vscode/vsce (which also refuses files that look like secrets), and
// refuses a package holding anything users do not need: the bundle, media, the README, CHANGELOG, LICENSE, the
// manifest and its strings, the translations, and the public API's .d.ts. Prints the size and the files.
'use strict';

const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const outArg = process.argv.indexOf('--out');
const out = path.resolve(ROOT, outArg > 0 ? process.argv[outArg + 1] : `${pkg.name}-${pkg.version}.vsix`);
const vsce = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

/** What a user's VS Code needs from the package, as patterns over the paths vsce lists. */
const NEEDED = [/^package\.json$/, /^package\.nls(\.[a-z-]+)?\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/, /^dist\/[\w-]+\.js$/, /^media\/[\w./-]+\.(png|svg|md)$/, /^l10n\/bundle\.l10n(\.[a-z-]+)?\.json$/, /^src\/lightApi\.d\.ts$/];

const run = (args) => execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });

run([path.join(ROOT, 'esbuild.js'), '--production']);
const files = run([vsce, 'ls', '--no-dependencies']).split('\n').map((l) => l.trim()).filter(Boolean);
const unneeded = files.filter((f) => !NEEDED.some((p) => p.test(f)));
if (unneeded.length) {
  console.error(`[package] not for users, keep it out with .vscodeignore: ${unneeded.join(', ')}`);
  process.exit(1);
}
for (const must of ['package.json', 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'src/lightApi.d.ts']) {
  if (!files.includes(must)) {
    console.error(`[package] ${must} is missing from the package`);
    process.exit(1);
  }
}
fs.mkdirSync(path.dirname(out), { recursive: true });
process.stdout.write(run([vsce, 'package', '--no-dependencies', '--out', out]));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`[package] ${path.relative(ROOT, out)}: ${kb(fs.statSync(out).size)}, ${files.length} files`);
for (const f of files) console.log(`  ${f.padEnd(40)} ${kb(fs.statSync(path.join(ROOT, f)).size).padStart(9)}`);
