// Masked previews: enough to recognise a credential, never enough to use it.

const ELLIPSIS = '\u2026';

/**
 * Long values keep their first 4 and last 2 characters ("ghp_…9Z"); values shorter than 16
 * characters are fully masked, so a short password shows nothing of itself.
 */
export function maskSecret(value: string): string {
  if (value.length >= 16) return value.slice(0, 4) + ELLIPSIS + value.slice(-2);
  return '*'.repeat(Math.max(4, Math.min(value.length, 8)));
}
