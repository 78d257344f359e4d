import * as assert from 'assert';
import { isLoopbackHost, resolveEnvironment } from '../../../src/core/auth/environment';
import { LightError } from '../../../src/core/errors';

describe('environments', () => {
  it('maps production and sandbox to their hosts', () => {
    const p = resolveEnvironment('production', undefined);
    assert.strictEqual(p.apiBaseUrl, 'https://api.light.inc');
    assert.strictEqual(p.tokenUrl, 'https://api.light.inc/oauth/token');
    assert.strictEqual(p.key, 'production');
    const s = resolveEnvironment('sandbox', 'https://ignored.example');
    assert.strictEqual(s.apiBaseUrl, 'https://api.sandbox.light.inc');
    assert.strictEqual(resolveEnvironment(undefined, undefined).name, 'production');
  });

  it('accepts a custom HTTPS URL, or HTTP on loopback only', () => {
    assert.strictEqual(resolveEnvironment('custom', 'https://light.example.com/').apiBaseUrl, 'https://light.example.com');
    const local = resolveEnvironment('custom', 'http://127.0.0.2:4010');
    assert.strictEqual(local.authorizeUrl, 'http://127.0.0.2:4010/oauth/authorize');
    assert.strictEqual(local.key, 'custom:127.0.0.2:4010');
    for (const bad of ['http://light.example.com', 'ftp://127.0.0.1', 'not a url', '']) {
      assert.throws(
        () => resolveEnvironment('custom', bad),
        (e: unknown) => e instanceof LightError && e.kind === 'config' && /light\.apiUrl/.test(e.message),
      );
    }
  });

  it('knows loopback hosts', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]']) assert.ok(isLoopbackHost(h), h);
    for (const h of ['10.0.0.1', 'localhost.example.com', '128.0.0.1']) assert.ok(!isLoopbackHost(h), h);
  });
});
