import { createHash, randomBytes } from 'crypto';

/** RFC 7636: a verifier of 43 characters from 32 random bytes, and its S256 challenge. */
export function createVerifier(): string {
  return randomBytes(32).toString('base64url');
}

export function challengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** An unguessable state value: 256 bits. */
export function createState(): string {
  return randomBytes(32).toString('base64url');
}
