// What a published object must never show, besides the fields the kind registry marks as secret (a Secret's data):
// the last-applied-configuration annotation (kubectl copies the whole object into it, a Secret's values included),
// Helm values under secret-looking keys (`auth.password`, `apiToken`, MinIO's `secretKey`…), Secrets written inside
// Helm values or lists (`extraObjects`), and what a ConfigMap should not hold (a private key, a password). Keys stay,
// values are replaced by MASKED, so that a reader still sees what is configured. Pure.
import { parse, stringify } from 'yaml';
import { asRecord } from './fields.ts';
import type { KubeObject } from './model.ts';

export const MASKED = '••• masqué •••';
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** The word of a key that says its value is a secret (`dbPassword`, `API_TOKEN`, `client-secret`, `credentials`). */
const SECRET_WORD = /(pass(word|wd|phrase)?|pwd|secret|token|credentials?|api[-_.]?key|private[-_.]?key|access[-_.]?key|secret[-_.]?key|encryption[-_.]?key|signing[-_.]?key|master[-_.]?key|auth[-_.]?key|license[-_.]?key)$/i;
/**
 * A key naming where a secret is rather than holding it: `existingSecret`, `secretName`, `passwordKey` (the key of the
 * password in a Secret), `tokenFile`, `secretRef`… Their values are names, shown as they are.
 */
const REFERENCE_KEY = /^existing|(name|names|ref|refs|selector|namespace|file|path|dir|mount|mountpath|enabled|create|annotations|labels|type|keyref|(password|user(name)?|token|cert|ca|tls)[-_.]?key)$/i;
/** Values that reveal nothing: empty, or a variable filled in at deployment. */
const HARMLESS_VALUE = /^(\$\{[^}]*\}|\s*)$/;
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----/;
/** A ConfigMap key that says its value is a password, a token or another secret. */
const CONFIG_SECRET_KEY = /(^|[-_.]|[a-z])(pass(word|wd|phrase)|secret|token|api[-_.]?key|private[-_.]?key|secret[-_.]?key|access[-_.]?key|credentials?)$/i;
const HELM_VALUE_STRINGS = new Set(['values', 'valuesContent']);
const MAX_DEPTH = 64;

/** True for a key whose value is a secret rather than the name of one. */
export function isSecretLookingKey(key: string): boolean {
  return SECRET_WORD.test(key) && !REFERENCE_KEY.test(key);
}

function maskable(value: unknown): boolean {
  return (typeof value === 'string' && !HARMLESS_VALUE.test(value)) || typeof value === 'number' || typeof value === 'bigint';
}

/** A Secret written inside something else (Helm values, a list): its values go, its keys stay. */
function isEmbeddedSecret(value: Record<string, unknown>): boolean {
  return value.kind === 'Secret' && (value.apiVersion === undefined || value.apiVersion === 'v1');
}

function maskMapValues(values: unknown): unknown {
  const record = asRecord(values);
  if (!record) return values === undefined || values === null ? values : MASKED;
  return Object.fromEntries(Object.keys(record).map((k) => [k, MASKED]));
}

/**
 * Every scalar under a secret-looking key masked (references excepted), every private key whatever its key, and every
 * embedded Secret's values.
 */
function maskTree(value: unknown, underSecret: boolean, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => maskTree(item, underSecret, depth + 1));
  const record = asRecord(value);
  if (!record) return (underSecret && maskable(value)) || (typeof value === 'string' && PRIVATE_KEY.test(value)) ? MASKED : value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    if (REFERENCE_KEY.test(key)) out[key] = inner;
    else out[key] = maskTree(inner, underSecret || isSecretLookingKey(key), depth + 1);
  }
  if (isEmbeddedSecret(record)) {
    for (const field of ['data', 'stringData']) if (field in out) out[field] = maskMapValues(out[field]);
    maskLastApplied(out);
  }
  return out;
}

/** Helm values (a HelmRelease's `spec.values`, Argo CD's `valuesObject`…) fit for publication. */
export function maskHelmValues(values: unknown): unknown {
  return maskTree(values, false, 0);
}

/** Helm values written as a YAML string (k3s `valuesContent`, Argo CD's `values`): masked, or as they were. */
function maskValuesText(text: string): string {
  let parsed: unknown;
  try {
    parsed = parse(text, { maxAliasCount: 100 });
  } catch {
    return text;
  }
  const masked = maskHelmValues(parsed);
  return JSON.stringify(masked) === JSON.stringify(parsed) ? text : stringify(masked, { lineWidth: 0 });
}

function maskLastApplied(object: Record<string, unknown>): void {
  const annotations = asRecord(asRecord(object.metadata)?.annotations);
  if (annotations && LAST_APPLIED_ANNOTATION in annotations) annotations[LAST_APPLIED_ANNOTATION] = MASKED;
}

/** Where Helm values sit in an object, whatever its kind: `spec.values`, `valuesObject`, `valuesContent`, `values: |`. */
function maskValuesFields(value: unknown, depth: number): unknown {
  if (depth > MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((item) => maskValuesFields(item, depth + 1));
  const record = asRecord(value);
  if (!record) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) {
    if ((key === 'values' || key === 'valuesObject') && asRecord(inner)) out[key] = maskHelmValues(inner);
    else if (HELM_VALUE_STRINGS.has(key) && typeof inner === 'string') out[key] = maskValuesText(inner);
    else out[key] = maskValuesFields(inner, depth + 1);
  }
  return out;
}

/** The keys of a ConfigMap that hold what only a Secret should: a private key, a password-like value. */
export function configMapSecretKeys(object: KubeObject): { key: string; why: 'private-key' | 'password' }[] {
  if (object.kind !== 'ConfigMap') return [];
  const found: { key: string; why: 'private-key' | 'password' }[] = [];
  for (const [key, value] of Object.entries(asRecord(object.data) ?? {})) {
    const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
    if (PRIVATE_KEY.test(text)) found.push({ key, why: 'private-key' });
    else if (CONFIG_SECRET_KEY.test(key) && !HARMLESS_VALUE.test(text)) found.push({ key, why: 'password' });
  }
  return found;
}

/**
 * A copy of `object` with everything this module masks replaced by `masked`: the last-applied-configuration
 * annotation, the Helm values' secrets, embedded Secrets, a ConfigMap's private keys and passwords. The kind
 * registry's secret fields are masked by redactObject, which calls this.
 */
export function maskPublished(object: KubeObject): KubeObject {
  const copy = maskValuesFields(object, 0) as Record<string, unknown>;
  maskLastApplied(copy);
  const data = asRecord(copy.data);
  if (data) for (const { key } of configMapSecretKeys(copy as KubeObject)) data[key] = MASKED;
  return copy as KubeObject;
}
