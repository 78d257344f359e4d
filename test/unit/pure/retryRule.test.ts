import * as assert from 'assert';
import { LightError, toLightError } from '../../../src/core/errors';
import { errorFromBody } from '../../../src/core/http';
import { verdict } from '../../../src/core/retryRule';

const light = (status: number, type: string, message: string) => errorFromBody(status, { name: 'X', type, errors: [{ type, message, path: [], context: {} }] }, 'token');
const gateway = (status: number, type: string, message: string) => errorFromBody(status, { type, message }, 'token');
const oauth = (status: number, error: string) => errorFromBody(status, { error, error_description: 'x' }, 'token');

/** The one retry rule, as a table: what each failure means at the token endpoint and at the API. */
describe('the retry rule', () => {
  const table: Array<[string, LightError, 'token' | 'api', string]> = [
    ['network', new LightError('network', 'offline'), 'token', 'transient'],
    ['timeout', new LightError('timeout', 'slow'), 'api', 'transient'],
    ['503', gateway(503, 'SERVICE_UNAVAILABLE', 'down'), 'token', 'transient'],
    ['429 with Retry-After', errorFromBody(429, {}, 'token', 30), 'token', 'transient'],
    ['HTML page (no status kept)', new LightError('http', 'web page'), 'token', 'transient'],
    ['RFC 6749 invalid_grant', oauth(400, 'invalid_grant'), 'token', 'sessionDead'],
    ['RFC 6749 invalid_client', oauth(401, 'invalid_client'), 'token', 'configuration'],
    ['RFC 6749 unsupported_grant_type', oauth(400, 'unsupported_grant_type'), 'token', 'configuration'],
    ['RFC 6749 server_error with a 503', oauth(503, 'server_error'), 'token', 'transient'],
    ['RFC 6749 temporarily_unavailable', oauth(400, 'temporarily_unavailable'), 'token', 'transient'],
    ['an RFC 6749 body on a 502', oauth(502, 'invalid_request'), 'token', 'transient'],
    ["Light's shape: BAD_REQUEST naming the refresh token", light(400, 'BAD_REQUEST', 'Refresh token has been revoked'), 'token', 'sessionDead'],
    ["Light's shape: UNAUTHORIZED", light(401, 'UNAUTHORIZED', 'Not allowed'), 'token', 'sessionDead'],
    ["Light's shape: UNAUTHORIZED naming the client", light(401, 'UNAUTHORIZED', 'Client authentication failed'), 'token', 'configuration'],
    ["gateway: 401 UNAUTHORIZED, token expired", gateway(401, 'UNAUTHORIZED', 'The refresh token expired'), 'token', 'sessionDead'],
    ["gateway: 401 'Credentials are required'", gateway(401, 'UNAUTHORIZED', 'Credentials are required to access this resource'), 'token', 'configuration'],
    ['gateway: 400 MISSING_PARAMETER', gateway(400, 'MISSING_PARAMETER', "Missing parameter 'redirectUri'"), 'token', 'configuration'],
    ['409 CONFLICT at the token endpoint', light(409, 'CONFLICT', 'Token already used'), 'token', 'configuration'],
    ['no client secret', new LightError('config', 'No OAuth client secret'), 'token', 'configuration'],
    ['API 401', gateway(401, 'UNAUTHORIZED', 'Credentials are required to access this resource'), 'api', 'rejected'],
    ['API 404', light(404, 'NOT_FOUND', 'No vendor'), 'api', 'configuration'],
    ['API 500', light(500, 'INTERNAL', 'oops'), 'api', 'transient'],
    ['a TypeError', toLightError(new TypeError('x is undefined')), 'token', 'bug'],
    ['a FetchError', toLightError(Object.assign(new Error('socket hang up'), { name: 'FetchError', code: 'ECONNRESET' })), 'token', 'transient'],
    ['cancelled', new LightError('cancelled', 'Cancelled.'), 'api', 'cancelled'],
  ];
  for (const [name, error, endpoint, expected] of table) {
    it(`${name} at the ${endpoint} endpoint → ${expected}`, () => assert.strictEqual(verdict(error, endpoint), expected));
  }

  it('names a thrown bug as a bug, not as a network error', () => {
    const e = toLightError(new RangeError('Invalid time value'));
    assert.strictEqual(e.kind, 'bug');
    assert.doesNotMatch(e.message, /reach|network|connection/i);
    assert.match(e.detail ?? '', /RangeError: Invalid time value/);
  });
});
