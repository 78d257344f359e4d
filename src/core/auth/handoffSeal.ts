import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'crypto';
import { parseSession, StoredSession } from './tokenStore';

/** How a window hands a rotated session to the other windows of its machine when SecretStorage does not carry it
 *  (VS Code for the web keeps one copy of its secrets per browser tab and never tells the others). The session
 *  that replaced a spent refresh token is sealed (AES-256-GCM) with a key derived (HKDF-SHA-256) from that spent
 *  token: only a holder of the spent token — another window of this sign-in — can open it, and nothing in the
 *  clear ever reaches the disk. */

const INFO = 'light-vscode: the session that replaced this refresh token';

function keyFor(spentToken: string, sessionId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', spentToken, sessionId, INFO, 32));
}

export function sealSuccessor(spentToken: string, successor: StoredSession): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(spentToken, successor.id), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(successor), 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The successor, or undefined when `sealed` was not sealed with `spentToken` for this session, or is damaged. */
export function openSuccessor(spentToken: string, sessionId: string, sealed: string): StoredSession | undefined {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !body) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(spentToken, sessionId), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const text = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    const session = parseSession(text, () => undefined);
    return session?.id === sessionId ? session : undefined;
  } catch {
    return undefined;
  }
}
