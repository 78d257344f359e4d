// Small helpers the page objects share.

/** Collapses runs of white space and trims: text as a person reads it off the screen. */
export const oneLine = (s: unknown): string => String(s ?? '').replace(/\s+/g, ' ').trim();
