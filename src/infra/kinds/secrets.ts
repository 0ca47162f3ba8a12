// Secrets: the names of the keys a SealedSecret holds (never their values), and a Secret's values as text for the
// checks that must tell a real value from a reference (they never print it).
import { asRecord } from '../fields.ts';
import { compareText, type KubeObject } from '../model.ts';

export function sealedKeys(sealed: KubeObject): string[] {
  return Object.keys(asRecord(asRecord(sealed.spec)?.encryptedData) ?? {}).sort(compareText);
}

function decodeBase64(value: string): string | undefined {
  const text = value.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64').toString('utf8');
}

/**
 * A value of a Secret's `field` as text: `data` values are base64 (undefined when they are not, or are no text),
 * `stringData` values are text; a missing value is undefined.
 */
export function secretValueText(field: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (field === 'data') return typeof value === 'string' ? decodeBase64(value) : undefined;
  return String(value);
}
