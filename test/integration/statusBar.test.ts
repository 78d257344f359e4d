// The status bar in a real VS Code: every state of a session, driven by the simulator's switches (token lifetimes,
// a slow or failing token endpoint), read back from the real status-bar item through light.test.state. The signed-out
// and signing-in states need no session at all: signIn.test.ts checks them.
import * as assert from 'assert';
import { DEV_CREDENTIALS, startSimulator } from '../simulator';
import type { Simulator } from '../simulator';
import { activateExtension, describePhase, logText, session, sessionsOf, setClientSecret, signIn, signInWithApiKey, signOutOf, sleep, state, useSimulator, waitFor } from './helpers';

type Bar = { text: string; tooltip: string; command?: string };

const bar = async (): Promise<Bar> => (await state()).statusBar;

/** Waits for the status bar's text to match `text`; returns what it shows then. */
const until = (text: RegExp, what: string, ms = 15_000) => waitFor(async () => ((b) => (text.test(b.text) ? b : undefined))(await bar()), what, ms, 50);

const lines = (b: Bar) => b.tooltip.split('  \n');
const LEFT = /^\$\(pass\) Northwind Trading · (59m|1h) left$/;

describePhase(1, 'the status bar in a real VS Code host', function () {
  let sim: Simulator;
  let named: Simulator | undefined;
  let port: string;

  before(async () => {
    await activateExtension();
    sim = await startSimulator({ host: '127.0.0.2', autoApprove: true });
    port = new URL(sim.url).port;
    await useSimulator(sim);
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.production.clientSecret), true);
  });

  beforeEach(() => sim.control.resetCounters());

  afterEach(() => {
    sim.control.clearFaults();
    sim.control.setTokenLatencyMs(0);
    sim.control.setAccessTokenTtlSeconds(3600);
  });

  after(async () => {
    await signOutOf(sim, ...(named ? [named] : []));
    await sim.stop();
    await named?.stop();
  });

  /** Signs in with tokens that live `seconds`; the refreshed ones live an hour. */
  async function signInFor(seconds: number) {
    sim.control.setAccessTokenTtlSeconds(seconds);
    const signedIn = await signIn();
    sim.control.setAccessTokenTtlSeconds(3600);
    assert.ok(signedIn, 'signed in');
    return signedIn;
  }

  it('a session: company and time left, the account menu, and a tooltip that says where, how and until when', async () => {
    sim.control.setAccessTokenTtlSeconds(7200);
    assert.ok(await signIn());
    const b = await until(/^\$\(pass\) Northwind Trading · (2h|1h 59m) left$/, 'the time left');
    assert.strictEqual(b.command, 'light.statusMenu');
    const s = await session();
    assert.ok(s?.expiresAt);
    const l = lines(b);
    assert.deepStrictEqual(l.slice(0, 5), [
      `**Light** — Northwind Trading \\(127\\.0\\.0\\.2:${port}\\)`,
      '',
      `Environment: custom (${sim.url})`,
      'Company: Northwind Trading',
      'Signed in with: OAuth',
    ]);
    assert.strictEqual(l[5], `Access token expires: ${new Date(s.expiresAt).toLocaleString()}`);
    assert.match(l[6], /^Last refreshed: \S/);
    assert.strictEqual(l.length, 7, 'no failure line');
  });

  it('counts down by the second in the last two minutes, then shows the token expired', async function () {
    this.timeout(60_000);
    sim.control.failNext('token', 1, { kind: 'noRefreshToken' }); // nothing refreshes it: the clock alone moves the bar
    await signInFor(22);
    // In the last two minutes the bar ticks every second from the start: three readings a second apart, each a
    // second less, well before the token runs out.
    const seen: Array<{ at: number; left: number }> = [];
    let shown = '';
    await waitFor(async () => {
      shown = (await bar()).text;
      const m = /^\$\(pass\) Northwind Trading · (\d+)s left$/.exec(shown);
      const left = m ? Number(m[1]) : undefined;
      if (left !== undefined && seen[seen.length - 1]?.left !== left) seen.push({ at: Date.now(), left });
      const last = seen.slice(-3);
      return last.length === 3 && last[0].left - last[2].left <= 3 && last[2].at - last[0].at < 3_000 && last[0].left > last[1].left && last[1].left > last[2].left;
    }, 'a countdown by the second', 10_000, 50).catch((e: Error) => {
      throw new Error(`${e.message}: saw ${JSON.stringify(seen)}, the bar says "${shown}"`);
    });
    assert.ok(seen[0].left >= 12, `the countdown by the second began only ${seen[0].left} s before the end`);
    const b = await until(/^\$\(warning\) Northwind Trading · expired$/, 'the token to show as expired', (seen[seen.length - 1].left + 8) * 1000);
    assert.strictEqual(b.command, 'light.statusMenu');
    assert.match(b.tooltip, /Access token expires: /);
    assert.strictEqual((await sessionsOf(sim))[0]?.status, 'valid', 'expired is the clock’s verdict, not a refresh state');
  });

  it('shows a refresh in flight, then the new time left', async () => {
    await signInFor(4); // due for a refresh after 2 s
    sim.control.setTokenLatencyMs(1_500);
    const b = await until(/^\$\(sync~spin\) Northwind Trading · refreshing…$/, 'the refresh to show');
    assert.strictEqual(b.command, 'light.statusMenu');
    await until(LEFT, 'the refreshed token’s time left');
    assert.strictEqual(sim.control.counters().token.refresh_token, 1);
  });

  it('a refresh that failed: "retrying", why (redacted and escaped) and when, then back to normal', async () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const message = `down [see](command:light.signOut) access_token=leaked-secret-1234 ${jwt}`;
    await signInFor(4);
    sim.control.failNext('token', 1, { kind: 'status', status: 503, body: { type: 'SERVICE_UNAVAILABLE', message } });
    const b = await until(/^\$\(warning\) Northwind Trading · refresh failed, retrying$/, 'the failed refresh to show');
    const failed = lines(b).find((l) => l.startsWith('Last refresh failed: '));
    assert.ok(failed, b.tooltip);
    assert.match(failed, /^Last refresh failed: Light answered HTTP 503 SERVICE\\_UNAVAILABLE: down \\\[see\\\]\\\(command:light\\\.signOut\\\) access\\_token=\\\[redacted\\\] \\\[redacted\\-jwt\\\] .* — retrying at \S/);
    for (const leak of ['leaked-secret-1234', jwt, '[see](']) assert.ok(!b.tooltip.includes(leak), `the tooltip shows ${leak}`);
    assert.ok(!(await logText()).includes('leaked-secret-1234'));
    // the retry (after 5 s) succeeds
    const back = await until(LEFT, 'the retry to succeed');
    assert.ok(!back.tooltip.includes('Last refresh failed'));
    assert.strictEqual(sim.control.counters().token.refresh_token, 2);
  });

  it('a refresh Light refuses for the client: "refresh stopped", not retried, until the client secret is set again', async () => {
    await signInFor(4);
    sim.control.failNext('token', 1, { kind: 'status', status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } });
    const b = await until(/^\$\(warning\) Northwind Trading · refresh stopped$/, 'the stopped refresh to show');
    assert.match(b.tooltip, /Last refresh failed: .*invalid\\_client.* — not retrying until this is fixed$/);
    await sleep(6_000); // past the first retry a failure that is worth retrying would get
    assert.strictEqual(sim.control.counters().token.refresh_token, 1, 'not retried');
    assert.match((await bar()).text, /· refresh stopped$/);
    assert.strictEqual(await setClientSecret(DEV_CREDENTIALS.production.clientSecret), true);
    await until(LEFT, 'a refresh with the secret set again');
    assert.strictEqual(sim.control.counters().token.refresh_token, 2);
  });

  it('an API key: "API key", and no expiry', async () => {
    assert.ok(await signInWithApiKey(DEV_CREDENTIALS.production.apiKey));
    const b = await until(/^\$\(pass\) Northwind Trading · API key$/, 'the API-key account');
    assert.strictEqual(b.command, 'light.statusMenu');
    const l = lines(b);
    assert.strictEqual(l[0], `**Light** — Northwind Trading \\(127\\.0\\.0\\.2:${port}\\) · API key`);
    assert.ok(l.includes('Signed in with: API key'), b.tooltip);
    assert.ok(!l.some((x) => x.startsWith('Access token expires')), b.tooltip);
  });

  it('shows a company name with a credential and markdown in it redacted, and in the tooltip as plain text', async () => {
    const name = 'Acme *Bold* [x](command:light.signOut) token=abcd1234secret';
    named = await startSimulator({ host: '127.0.0.2', autoApprove: true, companyNames: [name] });
    await useSimulator(named);
    try {
      assert.ok(await signIn());
      const b = await until(/^\$\(pass\) Acme .* · (59m|1h) left$/, 'the named company');
      assert.strictEqual(b.text.replace(/ · .*$/, ''), '$(pass) Acme *Bold* [x](command:light.signOut) token=[redacted]');
      assert.ok(!b.tooltip.includes('abcd1234secret'), b.tooltip);
      assert.ok(!b.tooltip.includes('[x](command:'), b.tooltip);
      assert.ok(lines(b).includes('Company: Acme \\*Bold\\* \\[x\\]\\(command:light\\.signOut\\) token=\\[redacted\\]'), b.tooltip);
    } finally {
      await useSimulator(sim);
    }
  });
});
