// Sealed secrets: the names of the keys a SealedSecret holds (never their values), sorted.
import { asRecord } from '../fields.ts';
import { compareText, type KubeObject } from '../model.ts';

export function sealedKeys(sealed: KubeObject): string[] {
  return Object.keys(asRecord(asRecord(sealed.spec)?.encryptedData) ?? {}).sort(compareText);
}
