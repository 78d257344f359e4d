import * as assert from 'assert';
import { Clock, systemClock } from '../../src/events';
import { Simulator, startSimulator } from '../simulator';
import { MemorySecrets } from '../support/memorySecretStore';
import { openWindow, signInTo } from '../support/signedIn';

const HOUR = 3600_000;

/** Real timers, but a wall clock the test can move forward: every round, the token is due in both windows at once. */
class JumpingClock implements Clock {
  offset = 0;
  now = () => Date.now() + this.offset;
  setTimeout = systemClock.setTimeout;
  clearTimeout = systemClock.clearTimeout;
}

describe('two windows on one rotating refresh token', function () {
  this.timeout(120_000);
  let sim: Simulator;

  before(async () => {
    sim = await startSimulator({ autoApprove: true, counts: { vendors: 1, customers: 1, invoiceReceivables: 1, invoicePayables: 1, ledgerAccounts: 1, users: 1 } });
  });
  after(() => sim.stop());

  it('1,000 rounds of simultaneous expiry: zero invalid_grant, one refresh per round, both windows agree', async () => {
    const ROUNDS = Number(process.env.TWO_WINDOW_ROUNDS || 1000);
    const clock = new JumpingClock();
    const secrets = new MemorySecrets();
    const a = openWindow(secrets, 'window-a', clock, { settleMs: 5 });
    const b = openWindow(secrets, 'window-b', clock, { settleMs: 5 });
    const c = sim.companies[0];
    await a.store.setClientSecret(c.clientId, c.clientSecret);
    await a.manager.initialize();
    await b.manager.initialize();
    const session = await signInTo(sim, 0, clock);
    await a.manager.add(session);
    await new Promise((r) => setTimeout(r, 5));
    assert.ok(b.manager.get(session.id), 'the second window saw the sign-in');
    let ended = 0;
    a.manager.onDidEndSession(() => ended++);
    b.manager.onDidEndSession(() => ended++);
    sim.control.resetCounters();

    for (let round = 0; round < ROUNDS; round++) {
      clock.offset += HOUR;
      const [sa, sb] = await Promise.all([a.manager.fresh(session.id), b.manager.fresh(session.id)]);
      assert.ok(sa && sb, `round ${round}: both windows have a session`);
      assert.strictEqual(sa.accessToken, sb.accessToken, `round ${round}: both windows use the same token`);
    }
    const refreshes = sim.control.counters().token.refresh_token;
    console.log(`      ${ROUNDS} rounds: ${refreshes} token requests, ${ended} sessions ended`);
    assert.strictEqual(ended, 0, 'no invalid_grant ended a session');
    assert.strictEqual(refreshes, ROUNDS, 'exactly one refresh per round');
    // The last rotated token is the one stored, and it still works.
    const stored = await a.store.read(session.id);
    assert.strictEqual(stored?.accessToken, a.manager.get(session.id)?.accessToken);
    a.manager.dispose();
    b.manager.dispose();
  });
});
