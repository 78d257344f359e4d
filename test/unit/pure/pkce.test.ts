import * as assert from 'assert';
import { challengeS256, createState, createVerifier } from '../../../src/core/auth/pkce';
import { resolveEnvironment } from '../../../src/core/auth/environment';
import { buildAuthorizeUrl } from '../../../src/core/signIn/signInFlow';
import { relayState } from '../../../src/core/signIn/uriHandlerFlow';

describe('PKCE and the authorize URL', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    const octets = [116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5, 88, 83, 132, 141, 121];
    const verifier = Buffer.from(octets).toString('base64url');
    assert.strictEqual(verifier, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    assert.strictEqual(challengeS256(verifier), 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43–128 unreserved characters, different every time', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const v = createVerifier();
      assert.match(v, /^[A-Za-z0-9\-._~]{43,128}$/);
      seen.add(v);
    }
    assert.strictEqual(seen.size, 200);
  });

  it('makes states of at least 128 bits', () => {
    const s = createState();
    assert.ok(Buffer.from(s, 'base64url').length * 8 >= 128);
    assert.notStrictEqual(s, createState());
  });

  it('builds the authorize URL with every parameter Light and PKCE need', () => {
    const env = resolveEnvironment('production', undefined);
    const url = new URL(
      buildAuthorizeUrl(env, { clientId: 'cid', redirectUri: 'vscode://lightinc.light-vscode/auth-callback', state: 'st', codeChallenge: 'ch' }),
    );
    assert.strictEqual(url.origin + url.pathname, 'https://api.light.inc/oauth/authorize');
    assert.deepStrictEqual(Object.fromEntries(url.searchParams), {
      client_id: 'cid',
      redirect_uri: 'vscode://lightinc.light-vscode/auth-callback',
      state: 'st',
      response_type: 'code',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });

  it('carries a relay callback URL through state and back unchanged', () => {
    const callback =
      'http://127.0.0.1:8080/stable-abc/callback?vscode-reqid=3&vscode-scheme=code-oss&vscode-authority=lightinc.light-vscode&vscode-path=%2Fauth-callback&vscode-query=nonce%3Dabc';
    const env = resolveEnvironment('production', undefined);
    const url = new URL(buildAuthorizeUrl(env, { clientId: 'c', redirectUri: 'https://vscode.dev/redirect', state: relayState(callback), codeChallenge: 'x' }));
    // What a relay does with it: read the state parameter and decode it once more.
    assert.strictEqual(decodeURIComponent(url.searchParams.get('state') as string), callback);
  });
});
