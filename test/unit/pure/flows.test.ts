import * as assert from 'assert';
import type { HostKind, SignInFlow } from '../../../src/core/signIn/signInFlow';
import { nextFlow, selectFlows } from '../../../src/core/signIn/flowOrder';
import { LightError } from '../../../src/core/errors';

function fake(id: string, worksIn: HostKind[]): SignInFlow {
  return { id, label: id, worksIn, run: () => Promise.reject(new Error('not run')) };
}

describe('sign-in flow selection', () => {
  // Given out of order on purpose.
  const all = [fake('paste', ['desktop', 'remote', 'web']), fake('loopback', ['desktop', 'remote']), fake('uri', ['desktop', 'remote', 'web'])];
  const ids = (flows: SignInFlow[]) => flows.map((f) => f.id);

  it('offers the flows that work here, URI handler first, paste last', () => {
    assert.deepStrictEqual(ids(selectFlows(all, 'desktop', 'auto')), ['uri', 'loopback', 'paste']);
    assert.deepStrictEqual(ids(selectFlows(all, 'remote', 'auto')), ['uri', 'loopback', 'paste']);
    assert.deepStrictEqual(ids(selectFlows(all, 'web', 'auto')), ['uri', 'paste']);
  });

  it('honours a pinned flow', () => {
    assert.deepStrictEqual(ids(selectFlows(all, 'desktop', 'loopback')), ['loopback']);
    assert.deepStrictEqual(ids(selectFlows(all, 'web', 'paste')), ['paste']);
  });

  it('refuses a pinned flow that does not work here, naming the setting and the window', () => {
    assert.throws(
      () => selectFlows(all, 'web', 'loopback'),
      (e: unknown) => e instanceof LightError && e.kind === 'config' && /"light\.oauth\.flow" is "loopback"/.test(e.message) && /browser/.test(e.message) && /"uri", "paste"/.test(e.message),
    );
    assert.throws(() => selectFlows([all[0]], 'desktop', 'uri'), /"light\.oauth\.flow" is "uri"/);
  });

  it('moves on to the next flow after a failure', () => {
    const ordered = selectFlows(all, 'desktop', 'auto');
    assert.strictEqual(nextFlow(ordered, ordered[0])?.id, 'loopback');
    assert.strictEqual(nextFlow(ordered, ordered[1])?.id, 'paste');
    assert.strictEqual(nextFlow(ordered, ordered[2]), undefined);
    assert.strictEqual(nextFlow(ordered, fake('uri', ['web'])), undefined);
  });
});
