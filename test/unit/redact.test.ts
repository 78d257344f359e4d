import * as assert from 'assert';
import { redact, redactingLogger, registerSecret, Logger } from '../../src/log';

describe('redaction', () => {
  it('removes bearer and basic credentials, JWTs, and secret fields in queries, forms and JSON', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl';
    const cases: Array<[string, string]> = [
      ['Authorization: Bearer abc.def-ghi', 'abc.def-ghi'],
      ['Authorization: Basic light-dev-api-key', 'light-dev-api-key'],
      [`token ${jwt}`, jwt],
      ['GET /cb?code=SPLENDIDCODE&state=x', 'SPLENDIDCODE'],
      ['grant_type=refresh_token&refresh_token=rt-123456&client_secret=shh-secret', 'rt-123456'],
      ['grant_type=refresh_token&refresh_token=rt-123456&client_secret=shh-secret', 'shh-secret'],
      ['code_verifier=verif-abcdef', 'verif-abcdef'],
      ['{"access_token":"at-999999","expires_in":60}', 'at-999999'],
      ['{"refresh_token": "rt-777777"}', 'rt-777777'],
    ];
    for (const [line, secret] of cases) {
      const out = redact(line);
      assert.ok(!out.includes(secret), `${secret} survived in ${out}`);
    }
    assert.strictEqual(redact('state=abc&error=access_denied'), 'state=abc&error=access_denied');
  });

  it('removes registered secrets wherever they appear, whatever their shape', () => {
    registerSecret('opaque-token-value-42');
    assert.strictEqual(redact('failed with opaque-token-value-42 in it'), 'failed with [redacted] in it');
  });

  it('passes every logger line through redaction', () => {
    const lines: string[] = [];
    const sink: Logger = { trace: (m) => lines.push(m), info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
    const log = redactingLogger(sink);
    log.info('Bearer zzz-secret');
    log.warn('refresh_token=rrr-secret');
    log.error('{"client_secret":"ccc-secret"}');
    log.trace('code=ddd-secret');
    assert.strictEqual(lines.length, 4);
    for (const l of lines) assert.ok(!/-secret/.test(l), l);
  });
});
