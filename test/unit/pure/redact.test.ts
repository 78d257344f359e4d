import * as assert from 'assert';
import { redact, redactingLogger, registerSecret, Logger } from '../../../src/core/log';

const ZWSP = '\u200B';

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

  describe('removes every form a credential takes', () => {
    // [what, the line, what must not survive, the line as redacted (when it is worth pinning down)]
    const table: Array<[string, string, string, string?]> = [
      ['key: value', 'access_token: at-colon-1', 'at-colon-1', 'access_token: [redacted]'],
      ['key = value', 'client_secret = cs-equals-1', 'cs-equals-1', 'client_secret = [redacted]'],
      ['key = "value"', 'refresh_token = "rt quoted 1"', 'rt quoted 1', 'refresh_token = "[redacted]"'],
      ["key: 'value'", "password: 'pw-single-1'", 'pw-single-1', "password: '[redacted]'"],
      ['"key": "value" with spaces', '{ "code_verifier" : "cv-json-1" }', 'cv-json-1', '{ "code_verifier" : "[redacted]" }'],
      ["'key': 'value'", "{'secret': 'sec-py-1'}", 'sec-py-1', "{'secret': '[redacted]'}"],
      ['upper case key', 'ACCESS_TOKEN=AT-UPPER-1', 'AT-UPPER-1', 'ACCESS_TOKEN=[redacted]'],
      ['mixed case key', 'Refresh_Token: rt-mixed-1', 'rt-mixed-1', 'Refresh_Token: [redacted]'],
      ['mixed case JSON key', '{"Client_Secret":"cs-mixed-1"}', 'cs-mixed-1', '{"Client_Secret":"[redacted]"}'],
      ['JSON inside a JSON string', '{"detail":"{\\"refresh_token\\":\\"rt-escaped-1\\",\\"n\\":1}"}', 'rt-escaped-1', '{"detail":"{\\"refresh_token\\":\\"[redacted]\\",\\"n\\":1}"}'],
      ['camelCase key', 'refreshToken: rt-camel-1', 'rt-camel-1'],
      ['kebab-case key', 'client-secret=cs-kebab-1', 'cs-kebab-1'],
      ['URL-encoded JSON', 'state=%7B%22refresh_token%22%3A%22rt-encjson-1%22%2C%22n%22%3A1%7D', 'rt-encjson-1', 'state=%7B%22refresh_token%22%3A%22[redacted]%22%2C%22n%22%3A1%7D'],
      ['URL-encoded JSON, lower-case escapes', 'x=%7b%22Access_Token%22%3a%22at%2Fencjson%2B2%22%7d', 'at%2Fencjson%2B2'],
      ['URL-encoded query', 'next=%2Fcb%3Fcode%3Dcode-encq-1%26state%3Ds', 'code-encq-1', 'next=%2Fcb%3Fcode%3D[redacted]%26state%3Ds'],
      ['URL-encoded query, second field', 'r=%3Fstate%3Ds%26access_token%3Dat%2Dencq%2D2', 'at%2Dencq%2D2', 'r=%3Fstate%3Ds%26access_token%3D[redacted]'],
      ['Authorization: Token', 'Authorization: Token tok-abc-123', 'tok-abc-123', 'Authorization: Token [redacted]'],
      ['Token scheme alone', 'sent Token 9f8e7d6c5b4a3f2e', '9f8e7d6c5b4a3f2e', 'sent Token [redacted]'],
      ['Authorization without a scheme', 'authorization: raw-credential-1', 'raw-credential-1'],
      ['X-Api-Key header', 'X-Api-Key: xak-header-1', 'xak-header-1', 'X-Api-Key: [redacted]'],
      ['Api-Key header', 'api-key: ak-header-2', 'ak-header-2', 'api-key: [redacted]'],
      ['API_KEY=', 'API_KEY=ak-env-3', 'ak-env-3'],
      ['apiKey in JSON', '{"apiKey":"ak-json-4"}', 'ak-json-4'],
      ['lmcp_ personal token in prose', 'the key lmcp_AbCdEf0123456789xyz was pasted', 'lmcp_AbCdEf0123456789xyz', 'the key [redacted] was pasted'],
      ['lmcp_ personal token as Basic', 'Authorization: Basic lmcp_Zz09-yy_88', 'lmcp_Zz09-yy_88'],
      ['zero-width space in a key name', `refresh${ZWSP}_token=rt-zw-1`, 'rt-zw-1', 'refresh_token=[redacted]'],
      ['zero-width characters around a scheme', `Bear\u200Der\u2060 zw-bearer-2`, 'zw-bearer-2'],
      ['zero-width no-break space in a JSON key', `{"\uFEFFaccess_token":"at-zw-3"}`, 'at-zw-3'],
    ];
    for (const [what, line, secret, expected] of table) {
      it(what, () => {
        const out = redact(line);
        assert.ok(!out.includes(secret), `${secret} survived in ${out}`);
        if (expected !== undefined) assert.strictEqual(out, expected);
      });
    }
  });

  describe('removes registered secrets', () => {
    const table: Array<[string, string, string, string]> = [
      ['a long one anywhere, even inside a word', 'opaque-token-value-42', 'failed with xxopaque-token-value-42yy in it', 'failed with xx[redacted]yy in it'],
      ['a 4-character one standing alone', 'q7Zk', 'key q7Zk, then (q7Zk). and "q7Zk"', 'key [redacted], then ([redacted]). and "[redacted]"'],
      ['a 4-character one, not inside longer words', 'w8Pm', 'w8Pmx xw8Pm w8Pm-1 a_w8Pm w8Pm', 'w8Pmx xw8Pm w8Pm-1 a_w8Pm [redacted]'],
      ['a 7-character one, not inside longer words', 'Hq3x9Lm', 'Hq3x9Lmn Hq3x9Lm', 'Hq3x9Lmn [redacted]'],
      ['an 8-character one, also inside words', 'Tt4Vv5Ww', 'xTt4Vv5Wwx', 'x[redacted]x'],
      ['one with regex characters', 'a+b(c)*', 'saw a+b(c)* here', 'saw [redacted] here'],
      ['one registered with a zero-width space, seen without it', `zwkey${ZWSP}-secret-9`, 'using zwkey-secret-9', 'using [redacted]'],
      ['one registered plain, seen with a zero-width joiner inside', 'plainkey-secret-8', 'using plain\u200Dkey-secret-8', 'using [redacted]'],
      ['one registered with a word joiner, seen with a zero-width space', `k9\u2060Rt`, `key k9${ZWSP}Rt`, 'key [redacted]'],
    ];
    for (const [what, secret, line, expected] of table) {
      it(what, () => {
        registerSecret(secret);
        assert.strictEqual(redact(line), expected);
      });
    }

    it('but not one shorter than 4 characters', () => {
      registerSecret('Ab1');
      registerSecret(`A${ZWSP}b2`); // 3 characters once the zero-width space is gone
      assert.strictEqual(redact('Ab1 Ab2'), 'Ab1 Ab2');
    });
  });

  it('leaves ordinary text alone', () => {
    registerSecret('Glob'); // a short registered value does not eat longer words
    const lines = [
      'Token expires in 5 minutes',
      'the code is 200',
      'Access token expires: 3/1/2026, 10:00:00 AM',
      'Signed in to Light as Acme Corporation (Production).',
      'Company: Initech Inc · 59m left',
      'Refreshed the Light session for Globex Ltd; the new token expires at 2026-01-01T00:00:00.000Z.',
      'Light answered HTTP 409 CONFLICT: Token already used (127.0.0.1:4010/oauth/token).',
      'Light did not accept the credentials (HTTP 401).',
      'Stored the OAuth client secret for client light-dev-client.',
      'Secret Santa Holdings GmbH',
      'Codecraft Ltd has 3 tokens left',
      'token_type=bearer&expires_in=3600&state=abc&error=access_denied',
      'zipcode=10115 postal_code=EC1A',
      'Signed in with: API key',
      'Basically fine.',
      'https://api.light.inc/v1/vendors?limit=50&cursor=abc',
    ];
    for (const line of lines) assert.strictEqual(redact(line), line);
  });

  it('stays fast with many registered secrets', () => {
    for (let i = 0; i < 300; i++) registerSecret(`bench-secret-${i}-${'x'.repeat(i % 20)}`);
    const line = 'Refreshing Acme Corporation failed (Light answered HTTP 503 SERVICE_UNAVAILABLE: down (api.light.inc/oauth/token)); retrying in 30 s.';
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 10_000; i++) redact(line);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    assert.ok(ms < 2_000, `10,000 lines took ${ms} ms`);
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
