// Reading untyped manifest fields. Manifests are read before an API server would validate them (and the checks also
// run on other people's repositories), so every reader here tolerates a malformed value: it answers `undefined` or an
// empty list instead of throwing, and the schema check is what reports the mistake.

/** A YAML mapping; anything else (a list, a scalar, `null`) is not one. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}

/** A YAML sequence as it is (items of any type); anything else is an empty list. */
export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The mappings of a YAML sequence: a `null` or a string among them is skipped rather than trusted. */
export function asRecords(value: unknown): Record<string, unknown>[] {
  return asArray(value)
    .map(asRecord)
    .filter((v): v is Record<string, unknown> => v !== undefined);
}

/**
 * A name, port or other scalar written as text. An empty string means « not set » (as Kubernetes reads it); a number
 * (`port: 80`, an unquoted version) is its text. Booleans and objects are not text.
 */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** Labels and annotations as the API server stores them: text values, a `null` one dropped. */
export function asStringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asRecord(value) ?? {})) {
    if (v !== null && v !== undefined) out[k] = typeof v === 'string' ? v : String(v);
  }
  return out;
}

/**
 * SOPS encrypts a file's values in place (ENC[…]) and writes its own `sops` block (keys, mac, version) beside them:
 * what such an object holds is ciphertext, whatever its kind.
 */
export function hasSopsMetadata(object: Record<string, unknown>): boolean {
  return Object.keys(asRecord(object.sops) ?? {}).length > 0;
}
