// Flux post-build variable substitution (Kustomization `spec.postBuild`), applied as kustomize-controller applies
// it: each rendered object is written as YAML, its `${VAR}` expressions are expanded with Flux's envsubst (bash
// forms `${VAR:=default}`, `${VAR,,}`, `${VAR/a/b}`…, `$${VAR}` for a literal `${VAR}`), then it is read back, so
// that `replicas: ${REPLICAS}` becomes a number. Variables come from `substituteFrom` (ConfigMaps and Secrets, in
// order, later ones winning) then `substitute` (winning over both). One deliberate difference: where Flux would write
// an empty string for a variable it does not know, the expression is left as written, because the documentation
// must not show an empty value that the cluster does not have. Pure: the loader hands the ConfigMaps and Secrets.
import { parse, stringify } from 'yaml';
import { asRecord, hasSopsMetadata } from './fields.ts';
import type { PostBuild, SubstituteReference } from './kinds/flux.ts';
import { secretValuesOf } from './kinds/registry.ts';
import { secretValueText } from './kinds/secrets.ts';
import type { Finding, KubeObject, SourceLocation } from './model.ts';

export type { PostBuild, SubstituteReference } from './kinds/flux.ts';

export const SUBSTITUTE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/substitute';

/**
 * On a substituted object, the object as written in the repository: a check about what Git holds (a Secret's values
 * in clear) reads this, not values that Flux brings in at deployment from elsewhere.
 */
export const WRITTEN_AS: unique symbol = Symbol.for('ffe.flux.writtenAs');

/** The object as written in the repository, before Flux substitutions. */
export function writtenForm(object: KubeObject): KubeObject {
  return ((object as Record<symbol, unknown>)[WRITTEN_AS] as KubeObject | undefined) ?? object;
}
const VARIABLE_NAME = /^[_a-zA-Z][_a-zA-Z0-9]*$/;

/** What a variable is known as: a value, or a value that exists but is encrypted in the repository (SOPS). */
export type VariableValue = { value: string } | { encrypted: string };

/** The variables a ConfigMap or Secret of the repository provides (Flux drops line breaks from values). */
export function variablesOf(object: KubeObject): Map<string, VariableValue> {
  const out = new Map<string, VariableValue>();
  const encrypted = hasSopsMetadata(object);
  const from = `${String(object.kind)} ${String(object.metadata?.name ?? '')}`;
  const set = (key: string, value: string | undefined): void => {
    if (encrypted || value === undefined || value.startsWith('ENC[')) out.set(key, { encrypted: from });
    else out.set(key, { value: value.replace(/\n/g, '') });
  };
  if (object.kind === 'Secret') {
    for (const { field, key, value } of secretValuesOf(object)) set(key, secretValueText(field, value));
  } else {
    for (const [key, value] of Object.entries(asRecord(object.data) ?? {})) set(key, value === null || value === undefined ? undefined : String(value));
  }
  return out;
}

export interface Variables {
  values: Map<string, VariableValue>;
  /** Required ConfigMaps / Secrets not found in the repository (« ConfigMap cluster-settings »). */
  missing: string[];
}

/** The variables of a postBuild, given a way to find the ConfigMaps and Secrets it names. */
export function collectVariables(postBuild: PostBuild, find: (ref: SubstituteReference) => KubeObject | undefined): Variables {
  const values = new Map<string, VariableValue>();
  const missing: string[] = [];
  for (const ref of postBuild.substituteFrom) {
    const object = find(ref);
    if (!object) {
      if (!ref.optional) missing.push(`${ref.kind} ${ref.name}`);
      continue;
    }
    for (const [key, value] of variablesOf(object)) values.set(key, value);
  }
  for (const [key, value] of Object.entries(postBuild.substitute)) values.set(key, { value: value.replace(/\n/g, '') });
  for (const key of [...values.keys()]) if (!VARIABLE_NAME.test(key)) values.delete(key);
  return { values, missing };
}

// ——— envsubst ———

class BadSubstitution extends Error {}

export interface ExpansionResult {
  text: string;
  /** Variables used but unknown, or known only encrypted: their expressions are left as written. */
  unresolved: Set<string>;
  /** Variables whose value is encrypted in the repository, with the object holding them. */
  encrypted: Map<string, string>;
}

const isIdentChar = (c: string | undefined): boolean => !!c && /[\p{L}\p{N}_-]/u.test(c);

/** A bash glob (`*`, `?`) as a regular expression source. */
function globSource(pattern: string): string {
  return pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
}

function trimPrefix(value: string, pattern: string, longest: boolean): string {
  const re = new RegExp(`^(?:${globSource(pattern)})`);
  for (let n = longest ? value.length : 0; longest ? n >= 0 : n <= value.length; n += longest ? -1 : 1) {
    if (new RegExp(`${re.source}$`).test(value.slice(0, n))) return value.slice(n);
  }
  return value;
}

function trimSuffix(value: string, pattern: string, longest: boolean): string {
  for (let n = longest ? 0 : value.length; longest ? n <= value.length : n >= 0; n += longest ? 1 : -1) {
    if (new RegExp(`^(?:${globSource(pattern)})$`).test(value.slice(n))) return value.slice(0, n);
  }
  return value;
}

function applyFunction(name: string, value: string, args: string[]): string {
  switch (name) {
    case '':
      return value;
    case ',':
      return value.charAt(0).toLowerCase() + value.slice(1);
    case ',,':
      return value.toLowerCase();
    case '^':
      return value.charAt(0).toUpperCase() + value.slice(1);
    case '^^':
      return value.toUpperCase();
    case 'len':
      return String([...value].length);
    case '#':
      return trimPrefix(value, args[0] ?? '', false);
    case '##':
      return trimPrefix(value, args[0] ?? '', true);
    case '%':
      return trimSuffix(value, args[0] ?? '', false);
    case '%%':
      return trimSuffix(value, args[0] ?? '', true);
    case ':': {
      const chars = [...value];
      const offset = Math.max(0, Number.parseInt(args[0] ?? '0', 10) || 0);
      const length = args[1] === undefined ? chars.length : Math.max(0, Number.parseInt(args[1], 10) || 0);
      return chars.slice(offset, offset + length).join('');
    }
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const [pattern = '', replacement = ''] = args;
      if (!pattern) return value;
      const source = globSource(pattern);
      if (name === '/#') return value.replace(new RegExp(`^${source}`), replacement);
      if (name === '/%') return value.replace(new RegExp(`${source}$`), replacement);
      return value.replace(new RegExp(source, name === '//' ? 'g' : ''), () => replacement);
    }
    default:
      return value;
  }
}

const DEFAULT_FUNCTIONS = new Set(['=', ':=', ':-', '-', ':?', ':+', '+', '?']);

/**
 * Expands `${…}` expressions the way Flux's envsubst does. `lookup` gives a variable's value, `{ encrypted }` for one
 * whose value exists but cannot be read, or undefined for an unknown one. Throws BadSubstitution on a malformed
 * expression (Flux would refuse the whole Kustomization).
 */
export function expand(text: string, lookup: (name: string) => VariableValue | undefined): ExpansionResult {
  const unresolved = new Set<string>();
  const encrypted = new Map<string, string>();
  let pos = 0;

  const parseUntil = (stop: (c: string) => boolean): string => {
    let out = '';
    while (pos < text.length && !stop(text[pos])) {
      if (text[pos] === '$' && text[pos + 1] === '$') {
        out += '$';
        pos += 2;
      } else if (text[pos] === '$' && text[pos + 1] === '{') {
        out += parseExpression();
      } else {
        out += text[pos++];
      }
    }
    return out;
  };

  const parseExpression = (): string => {
    const start = pos;
    pos += 2; // ${
    let fn = '';
    if (text[pos] === '#') {
      fn = 'len';
      pos++;
    }
    let name = '';
    while (isIdentChar(text[pos])) name += text[pos++];
    if (!name) throw new BadSubstitution(text.slice(start, start + 20));
    const args: string[] = [];
    if (fn === '') {
      const rest = text.slice(pos);
      const op = /^(:=|:-|:\?|:\+|=|,,|,|\^\^|\^|\/\/|\/#|\/%|\/|##|#|%%|%|:)/.exec(rest)?.[1] ?? '';
      fn = op;
      pos += op.length;
      if (DEFAULT_FUNCTIONS.has(op)) {
        args.push(parseUntil((c) => c === '}'));
      } else if (op === ':') {
        args.push(parseUntil((c) => c === ':' || c === '}'));
        if (text[pos] === ':') {
          pos++;
          args.push(parseUntil((c) => c === '}'));
        }
      } else if (op.startsWith('/')) {
        args.push(parseUntil((c) => c === '/' || c === '}'));
        if (text[pos] === '/') {
          pos++;
          args.push(parseUntil((c) => c === '}'));
        }
      } else if (op === '#' || op === '##' || op === '%' || op === '%%') {
        args.push(parseUntil((c) => c === '}'));
      }
    }
    if (text[pos] !== '}') throw new BadSubstitution(text.slice(start, pos + 1));
    pos++;
    const written = text.slice(start, pos);
    const found = lookup(name);
    if (found && 'encrypted' in found) {
      unresolved.add(name);
      encrypted.set(name, found.encrypted);
      return written;
    }
    const value = found?.value ?? '';
    if (DEFAULT_FUNCTIONS.has(fn)) return value !== '' ? value : args.join('');
    if (!found) {
      unresolved.add(name);
      return written;
    }
    return applyFunction(fn, value, args);
  };

  const out = parseUntil(() => false);
  return { text: out, unresolved, encrypted };
}

export interface SubstitutedDocument<D extends { object: KubeObject; source: SourceLocation }> {
  documents: D[];
  unresolved: Set<string>;
  encrypted: Map<string, string>;
  findings: Finding[];
}

function substitutionDisabled(object: KubeObject): boolean {
  const metadata = asRecord(object.metadata);
  return asRecord(metadata?.annotations)?.[SUBSTITUTE_ANNOTATION] === 'disabled' || asRecord(metadata?.labels)?.[SUBSTITUTE_ANNOTATION] === 'disabled';
}

/** Substitutes every document (objects annotated `kustomize.toolkit.fluxcd.io/substitute: disabled` excepted). */
export function substituteDocuments<D extends { object: KubeObject; source: SourceLocation }>(
  documents: readonly D[],
  values: Map<string, VariableValue>,
): SubstitutedDocument<D> {
  const unresolved = new Set<string>();
  const encrypted = new Map<string, string>();
  const findings: Finding[] = [];
  const out = documents.map((doc) => {
    if (substitutionDisabled(doc.object)) return doc;
    const text = stringify(doc.object, { lineWidth: 0, aliasDuplicateObjects: false });
    if (!text.includes('$')) return doc;
    let result: ExpansionResult;
    try {
      result = expand(text, (name) => values.get(name));
    } catch (error) {
      if (!(error instanceof BadSubstitution)) throw error;
      findings.push({
        code: 'FFE-W-SUBSTITUTE-SYNTAX',
        severity: 'warning',
        message: `Expression de substitution Flux mal formée près de « ${error.message} » : Flux refuserait cette Kustomization ; l’objet est montré tel qu’écrit.`,
        hint: 'Fermez l’accolade, ou écrivez $${…} pour un « ${…} » littéral.',
        location: doc.source,
      });
      return doc;
    }
    result.unresolved.forEach((name) => unresolved.add(name));
    result.encrypted.forEach((from, name) => encrypted.set(name, from));
    if (result.text === text) return doc;
    try {
      const object = parse(result.text) as KubeObject;
      if (!asRecord(object)) return doc;
      (object as Record<symbol, unknown>)[WRITTEN_AS] = writtenForm(doc.object);
      return { ...doc, object };
    } catch {
      findings.push({
        code: 'FFE-W-SUBSTITUTE-YAML',
        severity: 'warning',
        message: 'Après substitution des variables Flux, cet objet n’est plus du YAML valide : il est montré tel qu’écrit.',
        hint: 'Une valeur substituée contient sans doute des caractères YAML (deux-points, guillemets) : mettez l’expression entre guillemets.',
        location: doc.source,
      });
      return doc;
    }
  });
  return { documents: out, unresolved, encrypted, findings };
}

/** The one notice of a Kustomization whose substitution left something unresolved, or undefined. */
export function unresolvedNotice(
  kustomization: { object: KubeObject; source: SourceLocation },
  env: string,
  unresolved: ReadonlySet<string>,
  encrypted: ReadonlyMap<string, string>,
  missing: readonly string[],
): Finding | undefined {
  if (unresolved.size === 0 && missing.length === 0) return undefined;
  const name = String(kustomization.object.metadata?.name ?? '');
  const plain = [...unresolved].filter((v) => !encrypted.has(v)).sort();
  const secret = [...unresolved].filter((v) => encrypted.has(v)).sort();
  const parts: string[] = [];
  if (plain.length > 0) parts.push(`sans valeur dans le dépôt : ${plain.map((v) => `\${${v}}`).join(', ')}`);
  if (secret.length > 0) {
    const holders = [...new Set(secret.map((v) => encrypted.get(v)!))].sort().join(', ');
    parts.push(`chiffrées (${holders}) : ${secret.map((v) => `\${${v}}`).join(', ')}`);
  }
  if (missing.length > 0) parts.push(`introuvables dans le dépôt : ${missing.join(', ')}`);
  return {
    code: 'FFE-N-SUBSTITUTE-UNRESOLVED',
    severity: 'notice',
    message: `Kustomization ${name} : variables laissées telles quelles dans ce qu’elle déploie — ${parts.join(' ; ')}.`,
    hint: 'Flux les remplace au déploiement (postBuild.substitute, substituteFrom). Pour que ces pages montrent les vraies valeurs, mettez-les dans un ConfigMap du dépôt ; sinon rien à faire.',
    location: kustomization.source,
    env,
  };
}
