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
import { KUBERNETES_YAML } from './parse.ts';
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

/**
 * What a variable is known as: a value; a value that exists but is encrypted in the repository (SOPS); or a value read
 * from a Secret, which is never substituted into what the site shows — the expression stays as written, as for an
 * encrypted one, so that a Secret's value lands in no other object, page, diagram or search index.
 */
export type VariableValue = { value: string } | { encrypted: string } | { secret: string };

/** The variables a ConfigMap or Secret of the repository provides (Flux drops line breaks from values). */
export function variablesOf(object: KubeObject): Map<string, VariableValue> {
  const out = new Map<string, VariableValue>();
  const encrypted = hasSopsMetadata(object);
  const from = `${String(object.kind)} ${String(object.metadata?.name ?? '')}`;
  const set = (key: string, value: string | undefined): void => {
    if (encrypted || value === undefined || value.startsWith('ENC[')) out.set(key, { encrypted: from });
    else if (object.kind === 'Secret') out.set(key, { secret: from });
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

/** A limit of the substitution was reached: the object is shown as written, with an error naming the limit. */
export class SubstitutionLimit extends Error {}

export interface ExpansionResult {
  text: string;
  /** Variables used but unknown, or known only encrypted or from a Secret: their expressions are left as written. */
  unresolved: Set<string>;
  /** Variables whose value is encrypted in the repository, with the object holding them. */
  encrypted: Map<string, string>;
  /** Variables whose value comes from a Secret (not shown), with the Secret holding them. */
  secret: Map<string, string>;
}

/**
 * Work allowed to one glob match (pattern length × value length): a pattern of thousands of `*?` against a long value
 * is refused rather than run, since a match costs that product here.
 */
export const MAX_GLOB_WORK = 50_000_000;

const isIdentChar = (c: string | undefined): boolean => !!c && /[\p{L}\p{N}_-]/u.test(c);

type GlobToken = { any: true } | { star: true } | { chars: (c: string) => boolean };

/** A shell glob (`*`, `?`, `[a-z]`, `[^…]`, `\\x`) as tokens; consecutive stars are one. */
function globTokens(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') {
      if (!('star' in (tokens[tokens.length - 1] ?? {}))) tokens.push({ star: true });
    } else if (c === '?') tokens.push({ any: true });
    else if (c === '[' && chars.indexOf(']', i + 2) !== -1) {
      const end = chars.indexOf(']', i + 2);
      let body = chars.slice(i + 1, end);
      const negated = body[0] === '^' || body[0] === '!';
      if (negated) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let j = 0; j < body.length; j++) {
        if (body[j + 1] === '-' && j + 2 < body.length) {
          ranges.push([body[j], body[j + 2]]);
          j += 2;
        } else ranges.push([body[j], body[j]]);
      }
      tokens.push({ chars: (x) => ranges.some(([lo, hi]) => x >= lo && x <= hi) !== negated });
      i = end;
    } else {
      const literal = c === '\\' && i + 1 < chars.length ? chars[++i] : c;
      tokens.push({ chars: (x) => x === literal });
    }
  }
  return tokens;
}

/**
 * The lengths `n` for which `chars.slice(0, n)` matches the glob, as a boolean per length: one pass over the value
 * with the set of pattern positions reached (a non-deterministic automaton), so no input can make it backtrack.
 */
function globPrefixMatches(chars: readonly string[], pattern: string): boolean[] {
  const tokens = globTokens(pattern);
  if (tokens.length * (chars.length + 1) > MAX_GLOB_WORK) {
    throw new SubstitutionLimit(`motif « ${[...pattern].slice(0, 40).join('')} » trop coûteux sur une valeur de ${chars.length} caractères (limite : ${MAX_GLOB_WORK.toLocaleString('fr-FR')} étapes)`);
  }
  const m = tokens.length;
  const close = (states: Uint8Array): Uint8Array => {
    for (let j = 0; j < m; j++) if (states[j] && 'star' in tokens[j]) states[j + 1] = 1;
    return states;
  };
  let states = close(Object.assign(new Uint8Array(m + 1), { 0: 1 }));
  const matches = [states[m] === 1];
  for (const c of chars) {
    const next = new Uint8Array(m + 1);
    let alive = false;
    for (let j = 0; j < m; j++) {
      if (!states[j]) continue;
      const token = tokens[j];
      if ('star' in token) next[j] = 1;
      else if ('any' in token || token.chars(c)) next[j + 1] = 1;
      else continue;
      alive = true;
    }
    states = close(next);
    matches.push(states[m] === 1);
    if (!alive) {
      // No position is reachable any more: no longer prefix can match.
      while (matches.length <= chars.length) matches.push(false);
      break;
    }
  }
  return matches;
}

/**
 * Flux's `${VAR#p}` (shortest) and `${VAR##p}` (longest): the matching prefix removed, an empty match never counts.
 * The suffix forms reverse the value and the pattern first, as Flux does.
 */
function trimMatch(value: string, pattern: string, longest: boolean, suffix: boolean): string {
  const chars = [...value];
  const subject = suffix ? [...chars].reverse() : chars;
  const matches = globPrefixMatches(subject, suffix ? [...pattern].reverse().join('') : pattern);
  let length = 0;
  if (longest) {
    for (let n = subject.length; n >= 1 && length === 0; n--) if (matches[n]) length = n;
  } else {
    for (let n = 1; n <= subject.length && length === 0; n++) if (matches[n]) length = n;
  }
  const kept = subject.slice(length);
  return (suffix ? kept.reverse() : kept).join('');
}

/** Flux's `${VAR:offset:length}`: negative offsets count from the end, a negative length stops short of it. */
function substring(value: string, args: string[]): string {
  const chars = [...value];
  const offsetArg = Number.parseInt(args[0] ?? '', 10);
  if (Number.isNaN(offsetArg)) return value;
  const offset = offsetArg < 0 ? Math.max(0, chars.length + offsetArg) : offsetArg;
  if (args[1] === undefined) return chars.slice(offset).join('');
  const length = Number.parseInt(args[1], 10);
  if (Number.isNaN(length)) return value;
  if (length < 0) return chars.length + length < offset ? '' : chars.slice(offset, chars.length + length).join('');
  return chars.slice(offset, offset + length).join('');
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
      return trimMatch(value, args[0] ?? '', false, false);
    case '##':
      return trimMatch(value, args[0] ?? '', true, false);
    case '%':
      return trimMatch(value, args[0] ?? '', false, true);
    case '%%':
      return trimMatch(value, args[0] ?? '', true, true);
    case ':':
      return substring(value, args);
    // Flux replaces plain text, not patterns (strings.Replace).
    case '/':
      return args[0] ? value.replace(args[0], () => args[1] ?? '') : value;
    case '//':
      return args[0] ? value.split(args[0]).join(args[1] ?? '') : value;
    case '/#':
      return args.length === 2 && value.startsWith(args[0]) ? args[1] + value.slice(args[0].length) : value;
    case '/%':
      return args.length === 2 && value.endsWith(args[0]) ? value.slice(0, value.length - args[0].length) + args[1] : value;
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
  const secret = new Map<string, string>();
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
    if (found && 'secret' in found) {
      unresolved.add(name);
      secret.set(name, found.secret);
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
  return { text: out, unresolved, encrypted, secret };
}

export interface SubstitutedDocument<D extends { object: KubeObject; source: SourceLocation }> {
  documents: D[];
  unresolved: Set<string>;
  encrypted: Map<string, string>;
  secret: Map<string, string>;
  findings: Finding[];
}

/**
 * How much one object may grow through substitution. Flux substitutes once, so an object only grows by the values it
 * cites; one that grows past this is a variable citing itself (`A: ${A}${A}`) redeployed wave after wave.
 */
export const MAX_SUBSTITUTION_GROWTH = 1024 * 1024;

function limitFinding(source: SourceLocation, what: string): Finding {
  return {
    code: 'FFE-E-SUBSTITUTE-LIMIT',
    severity: 'error',
    message: `Substitution des variables Flux arrêtée : ${what}. L’objet est montré tel qu’écrit.`,
    hint: 'Une variable qui se cite elle-même, ou un motif démesuré, ne décrit rien de réel : corrigez la valeur ou l’expression.',
    location: source,
  };
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
  const secret = new Map<string, string>();
  const findings: Finding[] = [];
  const out = documents.map((doc) => {
    if (substitutionDisabled(doc.object)) return doc;
    const text = stringify(doc.object, { ...KUBERNETES_YAML, lineWidth: 0, aliasDuplicateObjects: false });
    if (!text.includes('$')) return doc;
    let result: ExpansionResult;
    try {
      result = expand(text, (name) => values.get(name));
    } catch (error) {
      if (error instanceof SubstitutionLimit) {
        findings.push(limitFinding(doc.source, error.message));
        return doc;
      }
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
    result.secret.forEach((from, name) => secret.set(name, from));
    if (result.text === text) return doc;
    if (result.text.length > text.length + MAX_SUBSTITUTION_GROWTH) {
      const mb = (MAX_SUBSTITUTION_GROWTH / 1024 / 1024).toLocaleString('fr-FR');
      findings.push(limitFinding(doc.source, `l’objet grandirait de plus de ${mb} Mo (limite de croissance par substitution)`));
      return doc;
    }
    try {
      const object = parse(result.text, { ...KUBERNETES_YAML, maxAliasCount: 0 }) as KubeObject;
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
  return { documents: out, unresolved, encrypted, secret, findings };
}

/** The one notice of a Kustomization whose substitution left something unresolved, or undefined. */
export function unresolvedNotice(
  kustomization: { object: KubeObject; source: SourceLocation },
  env: string,
  unresolved: ReadonlySet<string>,
  encrypted: ReadonlyMap<string, string>,
  missing: readonly string[],
  fromSecrets: ReadonlyMap<string, string> = new Map(),
): Finding | undefined {
  if (unresolved.size === 0 && missing.length === 0) return undefined;
  const name = String(kustomization.object.metadata?.name ?? '');
  const plain = [...unresolved].filter((v) => !encrypted.has(v) && !fromSecrets.has(v)).sort();
  const hidden = [...unresolved].filter((v) => encrypted.has(v)).sort();
  const masked = [...unresolved].filter((v) => fromSecrets.has(v) && !encrypted.has(v)).sort();
  const parts: string[] = [];
  if (plain.length > 0) parts.push(`sans valeur dans le dépôt : ${plain.map((v) => `\${${v}}`).join(', ')}`);
  if (hidden.length > 0) {
    const holders = [...new Set(hidden.map((v) => encrypted.get(v)!))].sort().join(', ');
    parts.push(`chiffrées (${holders}) : ${hidden.map((v) => `\${${v}}`).join(', ')}`);
  }
  if (masked.length > 0) {
    const holders = [...new Set(masked.map((v) => fromSecrets.get(v)!))].sort().join(', ');
    parts.push(`venues d’un Secret, donc jamais publiées (${holders}) : ${masked.map((v) => `\${${v}}`).join(', ')}`);
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
