// Bundles the extension into dist/extension.js (CommonJS, `vscode` external).
// Flags: --production minifies and drops source maps; --watch rebuilds on change; --metafile writes dist/meta.json.
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** node-fetch 2 falls back to whatwg-url only where Node has no global URL; Node always has one, so keep
 *  whatwg-url (and its 200 KB Unicode table) out of the bundle. */
const globalUrl = {
  name: 'global-url',
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: 'whatwg-url', namespace: 'global-url' }));
    build.onLoad({ filter: /.*/, namespace: 'global-url' }, () => ({ contents: 'module.exports = { URL: globalThis.URL };' }));
  },
};

async function main() {
  const ctx = await esbuild.context({
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outfile: 'dist/extension.js',
    external: ['vscode'],
    minify: production,
    sourcemap: !production,
    sourcesContent: false,
    metafile: process.argv.includes('--metafile'),
    logLevel: 'warning',
    plugins: [globalUrl],
    // The test hooks (src/vscode/testHooks.ts) are compiled out of a release build.
    define: { LIGHT_TEST_HOOKS: production ? 'false' : 'true' },
  });
  if (watch) {
    await ctx.watch();
    console.log('[esbuild] watching');
    return;
  }
  const result = await ctx.rebuild();
  if (result.metafile) require('fs').writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
  await ctx.dispose();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
