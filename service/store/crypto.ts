// Credentials at rest: AES-256-GCM with a key from the environment. Never returned by the API, never logged.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface Sealed {
  keyId: string;
  iv: Buffer;
  tag: Buffer;
  ciphertext: Buffer;
}

/** Identifies the key without revealing it, so a changed key is reported as such. */
export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 12);

export function seal(plaintext: string, key: Buffer, associatedData: string): Sealed {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associatedData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { keyId: keyIdOf(key), iv, tag: cipher.getAuthTag(), ciphertext };
}

export function open(sealed: Sealed, key: Buffer, associatedData: string): string {
  if (sealed.keyId !== keyIdOf(key)) {
    throw new Error(
      'The stored credential was encrypted with a different VIGIL_ENCRYPTION_KEY; restore the old key or reconnect the organization',
    );
  }
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]).toString('utf8');
}
