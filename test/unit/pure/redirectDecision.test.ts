import * as assert from 'assert';
import { redirectDecision } from '../../../src/core/http';

describe('which redirects are followed, and with what', () => {
  // [from, to, status, method, has a body, refused, keeps Authorization, becomes a GET]
  const table: Array<[string, string, number, string, boolean, boolean, boolean, boolean]> = [
    ['https://api.light.inc/a', 'https://api.light.inc/b', 302, 'GET', false, false, true, false],
    ['https://api.light.inc/a', 'https://api.light.inc:8443/b', 302, 'GET', false, false, false, false],
    ['https://api.light.inc/a', 'https://files.light.inc/b', 302, 'GET', false, false, false, false],
    // what "same site = last two DNS labels" let keep Authorization
    ['https://a.example.co.uk/a', 'https://b.other.co.uk/b', 302, 'GET', false, false, false, false],
    ['https://x.herokuapp.com/a', 'https://evil.herokuapp.com/b', 302, 'GET', false, false, false, false],
    ['https://127.0.0.1/a', 'https://127.1.0.1/b', 302, 'GET', false, false, false, false],
    ['http://127.0.0.1:4010/a', 'http://127.0.0.1:4011/b', 307, 'GET', false, false, false, false],
    // never down to plain HTTP, never off HTTP
    ['https://api.light.inc/a', 'http://api.light.inc/b', 302, 'GET', false, true, false, false],
    ['https://api.light.inc/a', 'http://127.0.0.1/b', 301, 'GET', false, true, false, false],
    ['http://127.0.0.1:4010/a', 'https://api.light.inc/b', 302, 'GET', false, false, false, false],
    ['https://api.light.inc/a', 'file:///etc/passwd', 302, 'GET', false, true, false, false],
    // a body stays on its origin
    ['https://api.light.inc/a', 'https://api.light.inc/b', 307, 'POST', true, false, true, false],
    ['https://api.light.inc/a', 'https://evil.example/b', 307, 'POST', true, true, false, false],
    ['https://api.light.inc/a', 'https://evil.example/b', 308, 'PUT', true, true, false, false],
    ['https://api.light.inc/a', 'https://evil.example/b', 302, 'PATCH', true, true, false, false],
    ['https://api.light.inc/a', 'https://evil.example/b', 308, 'GET', false, false, false, false],
    // 301/302 after a POST and any 303 become a GET without the body
    ['https://api.light.inc/a', 'https://evil.example/b', 302, 'POST', true, false, false, true],
    ['https://api.light.inc/a', 'https://evil.example/b', 301, 'POST', true, false, false, true],
    ['https://api.light.inc/a', 'https://evil.example/b', 303, 'PUT', true, false, false, true],
    ['https://api.light.inc/a', 'https://api.light.inc/b', 302, 'PUT', true, false, true, false],
  ];
  for (const [from, to, status, method, hasBody, refused, keepAuthorization, asGet] of table) {
    it(`${status} ${method}${hasBody ? ' with a body' : ''}: ${from} → ${to}`, () => {
      const d = redirectDecision(from, to, status, method, hasBody);
      assert.deepStrictEqual({ refused: d.refuse !== undefined, keepAuthorization: d.keepAuthorization, asGet: d.asGet }, { refused, keepAuthorization, asGet });
    });
  }

  it('names the target origin only', () => {
    const d = redirectDecision('https://api.light.inc/a', 'http://evil.example:8080/cb?code=abc', 302, 'GET', false);
    assert.strictEqual(d.refuse, 'from HTTPS to plain HTTP (http://evil.example:8080), which the extension does not follow');
  });
});
