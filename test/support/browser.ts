import fetch from 'node-fetch';

/** What a browser does with an authorize URL on an auto-approving simulator: follow it to the redirect
 *  that carries code and state, without following that redirect. */
export async function approveInBrowser(authorizeUrl: string): Promise<URL> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`authorize answered ${res.status} without a redirect`);
  return new URL(location);
}
