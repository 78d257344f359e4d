// The checks of the first sign-in through the browser popup, shared by both specs.
import type { Simulator } from '../../simulator';
import type { Popups } from '../pages/popups';
import type { Workbench } from '../pages/workbench';
import { CLIENT_ID } from './constants';
import { assert, note } from './wait';

/**
 * The first sign-in, once its secret is entered: waits for the status bar of `wb` to match `pattern`, then checks
 * that the simulator `sim` saw an authorize request of CLIENT_ID with the relay as its redirect URI and granted one
 * authorization code, and that the popup went to Light's authorize page, through the relay, and back to
 * code-server's /callback (`serverUrl`).
 */
export async function checkPopupSignIn(o: { wb: Workbench; sim: Simulator; serverUrl: string; popups: Popups; pattern: RegExp }): Promise<void> {
  const { wb, sim, popups } = o;
  const s0 = Date.now();
  const status = await wb.statusBar.waitForText(o.pattern, 'the status bar to show "Northwind Trading · …s left"', 30000, 150);
  note(`status bar "${status}" ${Date.now() - s0} ms after the secret was entered`);
  const authorize = sim.control.lastAuthorize();
  assert(authorize, 'the simulator saw no authorize request');
  assert(authorize.client_id === CLIENT_ID, `authorize client_id ${authorize.client_id}`);
  assert(authorize.redirect_uri === `${sim.url}/relay`, `authorize redirect_uri ${authorize.redirect_uri}`);
  assert(sim.control.counters().token.authorization_code === 1, `token requests: ${JSON.stringify(sim.control.counters().token)}`);
  const navs = popups.navigations;
  assert(navs.some((n) => n === `${sim.url}/oauth/authorize`), `no popup opened ${sim.url}/oauth/authorize (popups went to ${JSON.stringify(navs)})`);
  assert(navs.some((n) => n === `${sim.url}/relay`), `no popup went through the relay (${JSON.stringify(navs)})`);
  assert(navs.some((n) => n.startsWith(o.serverUrl.replace(/\/$/, '')) && /\/callback$/.test(n)), `no popup came back to code-server (${JSON.stringify(navs)})`);
  note(`popup went ${navs.join(' → ')}`);
}
