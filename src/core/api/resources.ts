/** What this extension knows of Light's operations beyond their paths; the record types are the public contract's
 *  (src/lightApi.d.ts). */

/** The write operations whose spec takes `X-Idempotency-Key`: method and path. */
const IDEMPOTENT: Array<[string, RegExp]> = [
  ['POST', /^\/v1\/cards$/],
  ['POST', /^\/v1\/cards\/[^/]+\/(freeze|unfreeze)$/],
  ['POST', /^\/v1\/credit-notes$/],
  ['POST', /^\/v1\/customer-credits$/],
  ['PATCH', /^\/v1\/customer-credits\/[^/]+$/],
  ['POST', /^\/v1\/customers$/],
  ['PATCH', /^\/v1\/customers\/[^/]+$/],
  ['POST', /^\/v1\/invoice-receivables$/],
  ['POST', /^\/v1\/journal-entries$/],
  ['POST', /^\/v1\/journal-entries\/[^/]+\/archive$/],
  ['PATCH', /^\/v1\/journal-entries\/[^/]+$/],
  ['POST', /^\/v1\/products$/],
  ['PATCH', /^\/v1\/products\/[^/]+$/],
];

export function takesIdempotencyKey(method: string, path: string): boolean {
  return IDEMPOTENT.some(([m, re]) => m === method && re.test(path));
}
