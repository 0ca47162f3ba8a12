// A HelmRelease's values as helm-controller computes them, with where each one was written: `spec.valuesFrom`
// (ConfigMaps and Secrets, in order, each merged into the result; `targetPath` sets one value) then `spec.values` on
// top — maps merged key by key, anything else replaced, as Helm merges values. A ConfigMap or Secret the repository
// does not hold, or holds encrypted, cannot be read: it is named in `unknown`, never guessed.
import { parse } from 'yaml';
import { fileFieldLines } from '../../field-lines.ts';
import { asRecord, hasSopsMetadata, isRecord } from '../../fields.ts';
import { locationOf, type Environment, type FieldPath, type Resource, type SourceLocation } from '../../model.ts';
import { Field } from '../located.ts';
import { secretValueText } from '../secrets.ts';

/** Where a part of the values comes from: a resource's field, and for values read from a YAML text, its lines. */
interface Origin {
  resource: Resource;
  /** The field holding the values (`spec.values`, `data.values.yaml`). */
  at: FieldPath;
  /** The values are a YAML text in that field: the line of a path inside it, relative to the field's line. */
  textLines?: (path: FieldPath) => number | undefined;
  /** The values were put at this path of the result (`targetPath`): paths inside are relative to it. */
  under?: FieldPath;
}

export interface LocatedValues {
  values: Record<string, unknown>;
  /** Where the value at this path of the merged values is written, when known. */
  locate(path: FieldPath): SourceLocation | undefined;
  /** What could not be read (French, one phrase each): a ConfigMap or Secret absent or encrypted. */
  unknown: string[];
}

const key = (path: FieldPath): string => path.map(String).join('\u0000');

/** `a.b[0].c` as Flux writes a `targetPath` (dots between keys; brackets and escapes are rare and left whole). */
function targetPathOf(text: string): string[] {
  return text.split('.').filter(Boolean);
}

function merge(into: Record<string, unknown>, from: Record<string, unknown>, path: FieldPath, origins: Map<string, Origin>, origin: Origin): void {
  for (const [k, value] of Object.entries(from)) {
    const at = [...path, k];
    const current = into[k];
    if (isRecord(current) && isRecord(value)) {
      merge(current, value, at, origins, origin);
      continue;
    }
    into[k] = structuredClone(value);
    origins.set(key(at), origin);
  }
}

function setAt(into: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = into;
  for (const k of path.slice(0, -1)) {
    if (!isRecord(at[k])) at[k] = {};
    at = at[k] as Record<string, unknown>;
  }
  at[path[path.length - 1]] = value;
}

/** Lines inside a YAML text: a block scalar's first line is the one after its key, so line n is n after the key's. */
function textLinesOf(text: string): (path: FieldPath) => number | undefined {
  const lines = fileFieldLines(text).of(0);
  return (path) => lines.lineOf(path);
}

interface FromEntry {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  valuesKey: string;
  targetPath?: string;
  optional: boolean;
}

function fromEntries(release: Resource): FromEntry[] {
  return Field.of(release.object)
    .at('spec', 'valuesFrom')
    .records()
    .flatMap((entry): FromEntry[] => {
      const kind = entry.at('kind').value;
      const name = entry.at('name').string();
      if ((kind !== 'ConfigMap' && kind !== 'Secret') || !name) return [];
      const targetPath = entry.at('targetPath').string();
      return [{ kind, name, valuesKey: entry.at('valuesKey').string() ?? 'values.yaml', ...(targetPath ? { targetPath } : {}), optional: entry.at('optional').value === true }];
    });
}

/** The text under `valuesKey` of a ConfigMap or Secret of the repository, and where it is; a reason when unreadable. */
function textOf(env: Environment, release: Resource, from: FromEntry): { text: string; resource: Resource; at: FieldPath } | string {
  const where = `${from.kind} ${from.name}`;
  const holder = (env.byKind.get(from.kind) ?? []).find((r) => r.id.group === '' && r.id.namespace === release.id.namespace && r.id.name === from.name);
  if (!holder) return `${where} : absent du dépôt${from.optional ? ' (facultatif)' : ''}`;
  if (hasSopsMetadata(holder.object)) return `${where} : chiffré (SOPS)`;
  for (const field of from.kind === 'Secret' ? ['stringData', 'data'] : ['data']) {
    const value = asRecord(holder.object[field])?.[from.valuesKey];
    // A ConfigMap's `data` is text; a Secret's is base64.
    const text = secretValueText(from.kind === 'ConfigMap' ? 'stringData' : field, value);
    if (text !== undefined) return { text, resource: holder, at: [field, from.valuesKey] };
  }
  return `${where} : pas de clé ${from.valuesKey}`;
}

/** The values of a HelmRelease, merged from its `valuesFrom` found in the environment and its `spec.values`. */
export function releaseValues(env: Environment, release: Resource): LocatedValues {
  const values: Record<string, unknown> = {};
  const origins = new Map<string, Origin>();
  const unknown: string[] = [];
  for (const from of fromEntries(release)) {
    const found = textOf(env, release, from);
    if (typeof found === 'string') {
      unknown.push(found);
      continue;
    }
    if (from.targetPath) {
      const path = targetPathOf(from.targetPath);
      if (path.length === 0) continue;
      setAt(values, path, found.text);
      origins.set(key(path), { resource: found.resource, at: found.at, under: path });
      continue;
    }
    let parsed: unknown;
    try {
      parsed = parse(found.text, { maxAliasCount: 100 });
    } catch {
      unknown.push(`${from.kind} ${from.name} : YAML illisible sous ${from.valuesKey}`);
      continue;
    }
    if (isRecord(parsed)) merge(values, parsed, [], origins, { resource: found.resource, at: found.at, textLines: textLinesOf(found.text) });
  }
  const inline = Field.of(release.object).at('spec', 'values');
  if (isRecord(inline.value)) merge(values, inline.value, [], origins, { resource: release, at: inline.path });
  return { values, unknown, locate: (path) => locate(origins, path) };
}

function locate(origins: Map<string, Origin>, path: FieldPath): SourceLocation | undefined {
  for (let n = path.length; n >= 1; n--) {
    const origin = origins.get(key(path.slice(0, n)));
    if (!origin) continue;
    const inside = origin.under ? path.slice(origin.under.length) : path;
    if (origin.textLines) {
      const base = locationOf(origin.resource, origin.at);
      const line = origin.under ? undefined : origin.textLines(inside);
      return line === undefined ? base : { path: base.path, line: base.line + line };
    }
    return lineWithin(origin.resource, origin.under ? origin.at : [...origin.at, ...inside]);
  }
  return undefined;
}

/**
 * Where a field is written. The loader may not know a mapping's line while it knows its fields' (kustomize's output
 * differs from the file somewhere inside it): the earliest line among its fields then stands for it.
 */
function lineWithin(resource: Resource, path: FieldPath): SourceLocation {
  const line = earliestLine(resource, path, 0);
  return line === undefined ? locationOf(resource, path) : { path: resource.source.path, line };
}

function earliestLine(resource: Resource, path: FieldPath, depth: number): number | undefined {
  const line = resource.lines?.lineOf(path);
  if (line !== undefined || depth > 4) return line;
  const value = Field.of(resource.object).at(...path);
  const keys: (string | number)[] = Array.isArray(value.value) ? value.items().map((_, i) => i) : value.entries().map(([k]) => k);
  const lines = keys.slice(0, 20).flatMap((k) => earliestLine(resource, [...path, k], depth + 1) ?? []);
  return lines.length > 0 ? Math.min(...lines) : undefined;
}

/**
 * The values of an Argo CD Application's chart source: `helm.valuesObject`, else the YAML text of `helm.values`
 * (located at that field: its lines inside the text are counted from it).
 */
export function argoApplicationValues(_env: Environment, application: Resource): LocatedValues {
  const values: Record<string, unknown> = {};
  const origins = new Map<string, Origin>();
  const unknown: string[] = [];
  const sources = [Field.of(application.object).at('spec', 'source'), ...Field.of(application.object).at('spec', 'sources').records()];
  const chartSource = sources.find((source) => source.at('chart').string() !== undefined);
  const helm = chartSource?.at('helm');
  const object = helm?.at('valuesObject');
  const text = helm?.at('values');
  if (object && isRecord(object.value)) merge(values, object.value, [], origins, { resource: application, at: object.path });
  else if (text && typeof text.value === 'string') {
    try {
      const parsed: unknown = parse(text.value, { maxAliasCount: 100 });
      if (isRecord(parsed)) merge(values, parsed, [], origins, { resource: application, at: text.path, textLines: textLinesOf(text.value) });
    } catch {
      unknown.push('helm.values : YAML illisible');
    }
  }
  return { values, unknown, locate: (path) => locate(origins, path) };
}
