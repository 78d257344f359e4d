// Minimal HS256 JSON Web Tokens (RFC 7519) for the simulator's access tokens.

import { createHmac, timingSafeEqual } from 'crypto';

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  email: string;
  company_id: string;
  client_id: string;
  iat: number;
  exp: number;
  jti: string;
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

export function signJwt(claims: AccessTokenClaims, secret: Buffer): string {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(claims));
  const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** The claims of a token signed with `secret`, or null when it is malformed or the signature is wrong. */
export function verifyJwt(token: string, secret: Buffer): AccessTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return null;
  }
  const [head, body, sig] = parts;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return null;
  }
  try {
    const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    if (header.alg !== 'HS256') {
      return null;
    }
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as AccessTokenClaims;
  } catch {
    return null;
  }
}
