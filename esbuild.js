// Bundles the extension into dist/extension.js (CommonJS, `vscode` external).
// Flags: --production minifies and drops source maps; --watch rebuilds on change; --metafile writes meta.json beside
// the bundle; --outdir <dir> writes there instead of dist/ (the package script builds into its staging folder).
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdirArg = process.argv.indexOf('--outdir');
const outdir = outdirArg > 0 ? process.argv[outdirArg + 1] : 'dist';

/** node-fetch 2 falls back to whatwg-url only where Node has no global URL; Node always has one, so keep
 *  whatwg-url (and its 200 KB Unicode table) out of the bundle. */
const globalUrl = {
  name: 'global-url',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'global-url' }));
    build.onLoad({ filter: /.*/, namespace: 'global-url' }, () => ({ contents: 'module.exports = { URL: globalThis.URL };' }));
  },
};

/** Parts of the extension that are not needed to activate it, each bundled on its own (dist/<name>.js) and loaded
 *  on first use (src/core/firstUse.ts). An import of a part's module, from the activation bundle or another part,
 *  becomes a require of the part's file beside it, so every part is in exactly one file. */
const PARTS = {
  nodeFetch: 'node-fetch',
  explorer: 'src/vscode/explorer/explorer.ts',
  tools: 'src/vscode/tools.ts',
  accounts: 'src/vscode/accounts.ts',
  tokenClient: 'src/core/auth/tokenClient.ts',
  lightClient: 'src/core/api/lightClient.ts',
  windowCoordinator: 'src/node/windowCoordinator.ts',
  walkthroughSteps: 'src/vscode/walkthroughSteps.ts',
};

const path = require('path');
/** An import's target as PARTS names it: a package name, or a source file relative to this folder. */
const partOf = (args) => {
  const target = args.path.startsWith('.') ? path.relative(__dirname, path.resolve(args.resolveDir, args.path)).split(path.sep).join('/') : args.path;
  return Object.keys(PARTS).find((name) => PARTS[name] === target || PARTS[name] === `${target}.ts`);
};
const parts = {
  name: 'parts',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const name = args.kind === 'entry-point' ? undefined : partOf(args);
      return name ? { path: `./${name}.js`, external: true } : undefined;
    });
  },
};

async function main() {
  const ctx = await esbuild.context({
    entryPoints: { extension: 'src/extension.ts', ...PARTS },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir,
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: process.argv.includes('--metafile'),
    logLevel: 'warning',
    plugins: [globalUrl, parts],
    // The test hooks (src/vscode/testHooks.ts) are compiled out of a release build.
    define: { LIGHT_TEST_HOOKS: production ? 'false' : 'true' },
  });
  if (watch) {
    await ctx.watch();
    console.log('[esbuild] watching');
    return;
  }
  const result = await ctx.rebuild();
  if (result.metafile) require('fs').writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
  await ctx.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
