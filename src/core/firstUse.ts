/** A part of the extension loaded when it is first needed, not when the extension starts. esbuild.js bundles each
 *  part on its own (dist/<part>.js, see PARTS there), so the bundle VS Code loads to activate the extension holds
 *  only what activation needs; `load` is a `require` of the part's module, which the bundle turns into a require of
 *  its file. */
export function onFirstUse<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => (loaded ??= { value: load() }).value;
}
