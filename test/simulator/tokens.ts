// Authorization codes, access tokens and rotating refresh tokens, grouped in families (one per
// sign-in). Reusing a spent code or a rotated refresh token revokes the whole family.

import { createHash, randomBytes, randomUUID } from 'crypto';
import { signJwt, verifyJwt } from './jwt';
import type { TokenResponse } from './types';

export interface Principal {
  companyIndex: number;
  companyId: string;
  userId: string;
  email: string;
  clientId: string;
}

interface CodeRecord extends Principal {
  redirectUri: string;
  challenge: string | null;
  expiresAt: number;
  used: boolean;
  familyId: string | null;
}

interface Family extends Principal {
  id: string;
  revoked: boolean;
}

interface AccessRecord {
  familyId: string;
  expiresAt: number;
}

interface RefreshRecord {
  familyId: string;
  active: boolean;
}

export interface GrantError {
  status: 400 | 401;
  error: string;
  description: string;
}

export type GrantResult = { ok: true; tokens: TokenResponse } | ({ ok: false } & GrantError);

export interface CodeRequest extends Principal {
  redirectUri: string;
  challenge: string | null;
}

export interface LiveToken extends Principal {
  jti: string;
}

function invalidGrant(description: string): GrantResult {
  return { ok: false, status: 400, error: 'invalid_grant', description };
}

export class TokenStore {
  private readonly secret = randomBytes(32);
  private readonly codes = new Map<string, CodeRecord>();
  private readonly families = new Map<string, Family>();
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, RefreshRecord>();

  constructor(
    private readonly issuer: () => string,
    private readonly codeTtlSeconds: number,
    private readonly accessTtlSeconds: () => number,
  ) {}

  createCode(request: CodeRequest): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { ...request, expiresAt: Date.now() + this.codeTtlSeconds * 1000, used: false, familyId: null });
    return code;
  }

  redeemCode(code: string, clientId: string, redirectUri: string | undefined, verifier: string | undefined, omitRefresh: boolean): GrantResult {
    const record = this.codes.get(code);
    if (!record) {
      return invalidGrant('Invalid authorization code');
    }
    if (record.used) {
      if (record.familyId) {
        this.revokeFamily(record.familyId);
      }
      return invalidGrant('Authorization code has already been used; tokens issued from it are revoked');
    }
    if (Date.now() >= record.expiresAt) {
      return invalidGrant('Authorization code has expired');
    }
    if (record.clientId !== clientId) {
      return invalidGrant('Authorization code was issued to another client');
    }
    if (redirectUri !== record.redirectUri) {
      return invalidGrant('redirect_uri does not match the one used in the authorization request');
    }
    if (record.challenge !== null) {
      if (!verifier) {
        return invalidGrant('Missing code_verifier');
      }
      if (createHash('sha256').update(verifier).digest('base64url') !== record.challenge) {
        return invalidGrant('code_verifier does not match the code_challenge');
      }
    } else if (verifier) {
      return invalidGrant('code_verifier sent but the authorization request had no code_challenge');
    }
    record.used = true;
    const family = this.newFamily(record);
    record.familyId = family.id;
    return { ok: true, tokens: this.issue(family, omitRefresh) };
  }

  refreshGrant(token: string, clientId: string, omitRefresh: boolean): GrantResult {
    const record = this.refresh.get(token);
    const family = record && this.families.get(record.familyId);
    if (!record || !family) {
      return invalidGrant('Invalid refresh token');
    }
    if (family.clientId !== clientId) {
      return invalidGrant('Refresh token was issued to another client');
    }
    if (family.revoked) {
      return invalidGrant('Refresh token has been revoked');
    }
    if (!record.active) {
      this.revokeFamily(family.id);
      return invalidGrant('Refresh token has already been used; the sign-in is revoked');
    }
    if (omitRefresh) {
      // No new refresh token is handed out, so the presented one stays valid (RFC 6749 §6).
      return { ok: true, tokens: this.issue(family, true) };
    }
    record.active = false;
    return { ok: true, tokens: this.issue(family, false) };
  }

  /** Mint a token pair for a new sign-in without the authorization step. */
  issueDirect(principal: Principal): TokenResponse {
    return this.issue(this.newFamily(principal), false);
  }

  /** The sign-in behind a live access token, or null when it is unknown, expired or revoked. */
  verifyAccessToken(token: string): LiveToken | null {
    const claims = verifyJwt(token, this.secret);
    const record = claims && this.access.get(claims.jti);
    const family = record && this.families.get(record.familyId);
    if (!claims || !record || !family || family.revoked || Date.now() >= record.expiresAt) {
      return null;
    }
    const { companyIndex, companyId, userId, email, clientId } = family;
    return { companyIndex, companyId, userId, email, clientId, jti: claims.jti };
  }

  expireAccessTokens(): void {
    const now = Date.now();
    for (const record of this.access.values()) {
      record.expiresAt = Math.min(record.expiresAt, now);
    }
  }

  revokeAll(): void {
    for (const family of this.families.values()) {
      family.revoked = true;
    }
    for (const record of this.refresh.values()) {
      record.active = false;
    }
  }

  private newFamily(principal: Principal): Family {
    const family: Family = {
      id: randomUUID(),
      companyIndex: principal.companyIndex,
      companyId: principal.companyId,
      userId: principal.userId,
      email: principal.email,
      clientId: principal.clientId,
      revoked: false,
    };
    this.families.set(family.id, family);
    return family;
  }

  private revokeFamily(id: string): void {
    const family = this.families.get(id);
    if (family) {
      family.revoked = true;
    }
  }

  private issue(family: Family, omitRefresh: boolean): TokenResponse {
    const ttl = this.accessTtlSeconds();
    const now = Date.now();
    const jti = randomUUID();
    const iat = Math.floor(now / 1000);
    this.access.set(jti, { familyId: family.id, expiresAt: now + ttl * 1000 });
    const accessToken = signJwt(
      { iss: `${this.issuer()}/`, sub: family.userId, email: family.email, company_id: family.companyId, client_id: family.clientId, iat, exp: iat + ttl, jti },
      this.secret,
    );
    const tokens: TokenResponse = { access_token: accessToken, expires_in: ttl, token_type: 'Bearer' };
    if (!omitRefresh) {
      const refreshToken = randomBytes(32).toString('base64url');
      this.refresh.set(refreshToken, { familyId: family.id, active: true });
      tokens.refresh_token = refreshToken;
    }
    return tokens;
  }
}
