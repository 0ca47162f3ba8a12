// Two states of the infrastructure (two commits, or a commit and the working tree) compared, environment by
// environment: objects added and removed, the values a reader cares about that changed (images, replicas, hosts,
// chart versions, resources, schedules…, in French: « image du conteneur app (ghcr.io/x/y) : 1.2 → 1.3 »), the other
// fields that changed when no such value says it, and the findings the change introduces or fixes. Objects are
// matched on their resource key (environment, group, kind, namespace, name); two states that deploy the same objects
// compare equal whatever their YAML looked like (comments, order, formatting). Pure.
import { sameValue } from '../drift/facts.ts';
import { joinFrench } from '../french.ts';
import { parseImage, shortImageName } from '../images.ts';
import { compareText, type KubeObject } from '../model.ts';
import type { HistoryFact } from './facts.ts';
import { isMasked, type InfraState, type StateEnvironment, type StateFinding, type StateObject } from './state.ts';

export type ChangeType = 'added' | 'removed' | 'changed';

export interface ValueChange {
  slot: string;
  label: string;
  before?: string;
  after?: string;
  /** French, without the subject: « répliques : 2 → 3 », « nouvel hôte : shop.example.org ». */
  text: string;
}

export interface FieldChange {
  /** `spec.template.spec.containers[app].env[TZ].value`: array items are named by their `name` when they have one. */
  path: string;
  /** French, what happened to it: « info → debug », « retiré », « 3 ajouts ». */
  change: string;
  /** `path : change`. */
  text: string;
}

export interface ObjectChange {
  type: ChangeType;
  key: string;
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  /** `Deployment booking/calcom`. */
  label: string;
  /** Where the object is written: after the change, or before it for a removed object. */
  path: string;
  line: number;
  /** Added or removed: the object's values; changed: those that changed. */
  values: ValueChange[];
  /** Changed: the fields no value above explains, grouped when there are many. */
  fields: FieldChange[];
  /** French, one line each, without the subject: the values, then the fields (`path : change`). */
  details: string[];
}

export type EnvironmentStatus = 'created' | 'removed' | 'changed';

export interface EnvironmentChanges {
  env: string;
  status: EnvironmentStatus;
  /** Objects before and after. */
  before: number;
  after: number;
  objects: ObjectChange[];
  introduced: StateFinding[];
  fixed: StateFinding[];
}

export interface StateComparison {
  /** Environments where something changed (objects or findings), in name order. */
  environments: EnvironmentChanges[];
  /** Findings about no environment (a file that is not YAML, a missing folder…). */
  introduced: StateFinding[];
  fixed: StateFinding[];
}

/** Whether the comparison changes what an environment deploys (findings alone do not). */
export function changesDeployment(comparison: StateComparison): boolean {
  return comparison.environments.some((e) => e.status !== 'changed' || e.objects.length > 0);
}

export function hasChanges(comparison: StateComparison): boolean {
  return comparison.environments.length > 0 || comparison.introduced.length > 0 || comparison.fixed.length > 0;
}

export function labelOf(object: Pick<StateObject, 'kind' | 'namespace' | 'name'>): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

// Values ------------------------------------------------------------------------------------------------------------

const LIST_SLOTS: Record<string, { one: string; many: string; gone: string; goneMany: string }> = {
  hosts: { one: 'nouvel hôte', many: 'nouveaux hôtes', gone: 'hôte retiré', goneMany: 'hôtes retirés' },
  tls: { one: 'nouveau secret TLS', many: 'nouveaux secrets TLS', gone: 'secret TLS retiré', goneMany: 'secrets TLS retirés' },
};

const items = (value: string | undefined): string[] => (value ? value.split(', ').filter((v) => v !== '' && v !== 'aucun') : []);

function shortDigest(digest: string): string {
  const [algorithm, hex] = digest.split(':');
  return hex ? `${algorithm}:${hex.slice(0, 12)}` : digest.slice(0, 19);
}

/** The version part of an image (`1.27`, `1.27@sha256:0123456789ab`), for two images of the same repository. */
function imageVersion(image: string): string {
  const ref = parseImage(image);
  const version = [ref.tag, ref.digest ? shortDigest(ref.digest) : undefined].filter(Boolean).join('@');
  return version || 'latest';
}

function imageText(label: string, before: string, after: string): string {
  const a = parseImage(before);
  const b = parseImage(after);
  if (a.registry === b.registry && a.repository === b.repository) {
    const repo = shortImageName({ ...a, tag: undefined, digest: undefined });
    return `${label} : ${repo} ${imageVersion(before)} → ${imageVersion(after)}`;
  }
  return `${label} : ${before} → ${after}`;
}

function valueChange(slot: string, before: HistoryFact | undefined, after: HistoryFact | undefined): ValueChange | undefined {
  const fact = (after ?? before)!;
  if (before && after && sameValue(fact.comparison, before.value, after.value)) return undefined;
  const base = { slot, label: fact.label, ...(before ? { before: before.value } : {}), ...(after ? { after: after.value } : {}) };
  const family = slot.split(':')[0];
  const list = LIST_SLOTS[family];
  if (list) {
    const was = items(before?.value);
    const now = items(after?.value);
    const added = now.filter((v) => !was.includes(v));
    const removed = was.filter((v) => !now.includes(v));
    const parts = [
      ...(added.length > 0 ? [`${added.length > 1 ? list.many : list.one} : ${joinFrench(added)}`] : []),
      ...(removed.length > 0 ? [`${removed.length > 1 ? list.goneMany : list.gone} : ${joinFrench(removed)}`] : []),
    ];
    if (parts.length > 0) return { ...base, text: parts.join(' ; ') };
  }
  if (!before) return { ...base, text: `${fact.label} : ${after!.value} (nouveau)` };
  if (!after) return { ...base, text: `${fact.label} : ${before.value} → (retiré)` };
  if (fact.comparison === 'image') return { ...base, text: imageText(fact.label, before.value, after.value) };
  // The same chart (`app-template 3.7.3`) or the same source (`oci://… (0.6.0)`): only its version is news.
  const chart = /^(\S+) (.+)$/;
  const source = /^(.+) \(([^()]*)\)$/;
  for (const [pattern, family] of [[chart, 'chart'], [source, 'source']] as const) {
    if (slot.split(':')[0] !== family) continue;
    const a = pattern.exec(before.value);
    const b = pattern.exec(after.value);
    if (a && b && a[1] === b[1]) return { ...base, text: `${fact.label} : ${a[1]} ${a[2]} → ${b[2]}` };
  }
  return { ...base, text: `${fact.label} : ${before.value} → ${after.value}` };
}

function factsBySlot(object: StateObject | undefined): Map<string, HistoryFact> {
  return new Map((object?.facts ?? []).map((f) => [f.slot, f]));
}

// Fields ------------------------------------------------------------------------------------------------------------

type Segment = string | number;

interface FieldDifference {
  /** As the facts' `covers` spell paths: keys, and list indices (in the newer object when it has the item). */
  segments: Segment[];
  /** For the reader: list items named by their `name` when they have one. */
  shown: string;
  before: unknown;
  after: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The names of a list's items, when every item is a mapping with a distinct `name` (containers, env, volumes…). */
function itemNames(list: unknown[]): string[] | undefined {
  const names = list.map((item) => (isRecord(item) && typeof item.name === 'string' && item.name !== '' ? item.name : undefined));
  if (names.some((n) => n === undefined) || new Set(names).size !== names.length) return undefined;
  return names as string[];
}

const keyText = (key: string): string => (/^[A-Za-z_][\w-]*$/.test(key) ? key : `"${key}"`);

/**
 * Where two objects differ, as the smallest subtrees that do: a list item or a mapping present on one side only is
 * one difference, not one per field inside it. Lists of named items are matched by name, so that inserting a
 * container or a variable does not shift every one after it.
 */
function differences(a: unknown, b: unknown, segments: Segment[], shown: string, out: FieldDifference[]): void {
  if (same(a, b)) return;
  if (isRecord(a) && isRecord(b)) {
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText)) {
      differences(a[key], b[key], [...segments, key], shown ? `${shown}.${keyText(key)}` : keyText(key), out);
    }
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const namesA = itemNames(a);
    const namesB = itemNames(b);
    if (namesA && namesB) {
      for (const name of [...namesB, ...namesA.filter((n) => !namesB.includes(n))]) {
        const inB = namesB.indexOf(name);
        const inA = namesA.indexOf(name);
        differences(inA === -1 ? undefined : a[inA], inB === -1 ? undefined : b[inB], [...segments, inB === -1 ? inA : inB], `${shown}[${name}]`, out);
      }
      return;
    }
    for (let i = 0; i < Math.max(a.length, b.length); i++) differences(a[i], b[i], [...segments, i], `${shown}[${i}]`, out);
    return;
  }
  out.push({ segments, shown: shown || '(objet)', before: a, after: b });
}

const isUnder = (segments: readonly Segment[], prefix: readonly Segment[]): boolean =>
  prefix.length <= segments.length && prefix.every((part, i) => part === segments[i]);

const MAX_FIELDS = 4;
const MAX_SHOWN_VALUE = 60;

function shownValue(value: unknown): string | undefined {
  if (value === undefined || (typeof value === 'object' && value !== null)) return undefined;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (text.includes('\n') || text.length > MAX_SHOWN_VALUE) return undefined;
  return text === '' ? '""' : text;
}

function fieldChange(d: FieldDifference): string {
  const { before, after } = d;
  if (isMasked(before) || isMasked(after)) {
    return before === undefined ? 'valeur ajoutée (masquée)' : after === undefined ? 'valeur retirée (masquée)' : 'valeur modifiée (masquée)';
  }
  const a = shownValue(before);
  const b = shownValue(after);
  if (before === undefined) return b !== undefined ? `${b} (ajouté)` : 'ajouté';
  if (after === undefined) return a !== undefined ? `retiré (était ${a})` : 'retiré';
  if (a !== undefined && b !== undefined) return `${a} → ${b}`;
  if (typeof before === 'string' && typeof after === 'string') {
    // An image written where no value names it (a custom resource's `spec.image`): told as one.
    if (d.segments[d.segments.length - 1] === 'image' && !/\s/.test(before + after)) return imageText('', before, after).replace(/^ : /, '');
    const lines = (value: string): number => value.split('\n').length;
    if (lines(before) > 1 || lines(after) > 1) return `texte modifié (${lines(before)} → ${lines(after)} lignes)`;
  }
  return 'modifié';
}

const fieldOf = (path: string, change: string): FieldChange => ({ path, change, text: `${path} : ${change}` });

/** The shown path cut after `count` segments (`spec.template.spec.containers[app]`). */
function shownPrefix(shown: string, count: number): string {
  let out = '';
  let taken = 0;
  for (const match of shown.matchAll(/\[[^\]]*\]|"[^"]*"|[^.[\]]+/g)) {
    if (taken === count) break;
    out += match[0].startsWith('[') || out === '' ? match[0] : `.${match[0]}`;
    taken++;
  }
  return out;
}

/** Many differences are told per part of the object: the item of the first list, else four levels down. */
function grouped(list: FieldDifference[]): FieldChange[] {
  const groups = new Map<string, { shown: string; items: FieldDifference[] }>();
  for (const d of list) {
    const firstIndex = d.segments.findIndex((s) => typeof s === 'number');
    const depth = Math.max(1, firstIndex !== -1 && firstIndex < 5 ? firstIndex + 1 : Math.min(4, d.segments.length - 1));
    const key = JSON.stringify(d.segments.slice(0, depth));
    const group = groups.get(key) ?? { shown: shownPrefix(d.shown, depth), items: [] };
    group.items.push(d);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ shown, items }) => {
    if (items.length === 1) return fieldOf(items[0].shown, fieldChange(items[0]));
    const verdict = items.every((d) => d.before === undefined) ? 'ajouts' : items.every((d) => d.after === undefined) ? 'retraits' : 'modifications';
    return fieldOf(shown, `${items.length} ${verdict}`);
  });
}

/** The fields that changed and no changed value explains. */
function fieldChanges(before: KubeObject, after: KubeObject, covered: readonly (readonly Segment[])[]): FieldChange[] {
  const found: FieldDifference[] = [];
  differences(before, after, [], '', found);
  const left = found.filter((d) => !covered.some((prefix) => isUnder(d.segments, prefix)));
  if (left.length <= MAX_FIELDS) return left.map((d) => fieldOf(d.shown, fieldChange(d)));
  return grouped(left);
}

// Objects -----------------------------------------------------------------------------------------------------------

const SUMMARY_VALUES = 4;

/** An image as a reader scans it: a digest cut to its first twelve digits. */
function shownImage(image: string): string {
  return image.replace(/@(sha256:[0-9a-f]{12})[0-9a-f]{52}$/, '@$1');
}

function presence(type: 'added' | 'removed', object: StateObject): ObjectChange {
  const values = object.facts
    .filter((f) => !f.defaulted)
    .map((f) => ({ slot: f.slot, label: f.label, ...(type === 'added' ? { after: f.value } : { before: f.value }), text: `${f.label} : ${f.comparison === 'image' ? shownImage(f.value) : f.value}` }));
  const shown = values.slice(0, SUMMARY_VALUES).map((v) => v.text);
  const more = values.length - shown.length;
  return {
    type,
    key: object.key,
    group: object.group,
    kind: object.kind,
    ...(object.namespace ? { namespace: object.namespace } : {}),
    name: object.name,
    label: labelOf(object),
    path: object.path,
    line: object.line,
    values,
    fields: [],
    details: [...shown, ...(more > 0 ? [`et ${more} autre${more > 1 ? 's' : ''} valeur${more > 1 ? 's' : ''}`] : [])],
  };
}

function modification(before: StateObject, after: StateObject): ObjectChange | undefined {
  const a = factsBySlot(before);
  const b = factsBySlot(after);
  const values: ValueChange[] = [];
  const covered: Segment[][] = [];
  for (const slot of [...new Set([...a.keys(), ...b.keys()])].sort(compareText)) {
    const was = a.get(slot);
    const now = b.get(slot);
    const change = valueChange(slot, was, now);
    if (change) values.push(change);
    // A value told here, or written another way for the same meaning (`nginx:1.27` and `docker.io/library/nginx:1.27`,
    // `1Gi` and `1024Mi`): either way, the fields it is read from say nothing more. A value that did not change at all
    // covers nothing: a field beside it (an ephemeral-storage limit beside CPU and memory) is still told.
    if (!change && was?.value === now?.value) continue;
    for (const fact of [was, now]) if (fact) covered.push(...fact.covers.map((c) => [...c]));
  }
  const fields = fieldChanges(before.object, after.object, covered);
  if (values.length === 0 && fields.length === 0) return undefined;
  const details = [...values.map((v) => v.text), ...fields.map((f) => f.text)];
  return {
    type: 'changed',
    key: after.key,
    group: after.group,
    kind: after.kind,
    ...(after.namespace ? { namespace: after.namespace } : {}),
    name: after.name,
    label: labelOf(after),
    path: after.path,
    line: after.line,
    values,
    fields,
    details,
  };
}

const TYPE_ORDER: Record<ChangeType, number> = { added: 0, removed: 1, changed: 2 };

function compareObjects(before: StateEnvironment | undefined, after: StateEnvironment | undefined): ObjectChange[] {
  const was = new Map((before?.objects ?? []).map((o) => [o.key, o]));
  const now = new Map((after?.objects ?? []).map((o) => [o.key, o]));
  const out: ObjectChange[] = [];
  for (const [key, object] of now) {
    const old = was.get(key);
    if (!old) out.push(presence('added', object));
    else {
      const change = modification(old, object);
      if (change) out.push(change);
    }
  }
  for (const [key, object] of was) if (!now.has(key)) out.push(presence('removed', object));
  return out.sort((x, y) => TYPE_ORDER[x.type] - TYPE_ORDER[y.type] || compareText(x.label, y.label) || compareText(x.key, y.key));
}

// Findings ----------------------------------------------------------------------------------------------------------

/** A finding's identity across two states: lines move when a file is edited, the finding stays the same one. */
function findingIdentity(f: StateFinding): string {
  const message = f.message.replace(/\bligne \d+/g, 'ligne #').replace(/:\d+(?::\d+)?\b/g, ':#');
  return JSON.stringify([f.code, f.env ?? '', f.resource ?? f.path ?? '', message]);
}

/** Findings of `after` not in `before` (as many times as they appear more often). */
function newFindings(before: readonly StateFinding[], after: readonly StateFinding[]): StateFinding[] {
  const counts = new Map<string, number>();
  for (const f of before) counts.set(findingIdentity(f), (counts.get(findingIdentity(f)) ?? 0) + 1);
  const out: StateFinding[] = [];
  for (const f of after) {
    const id = findingIdentity(f);
    const left = counts.get(id) ?? 0;
    if (left > 0) counts.set(id, left - 1);
    else out.push(f);
  }
  return out;
}

const SEVERITY_ORDER = { error: 0, warning: 1, notice: 2 } as const;
const byFinding = (a: StateFinding, b: StateFinding): number =>
  SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || compareText(a.code, b.code) || compareText(a.path ?? '', b.path ?? '') || (a.line ?? 0) - (b.line ?? 0) || compareText(a.message, b.message);

/** `before` (undefined: nothing yet, a first commit) against `after`. */
export function compareStates(before: InfraState | undefined, after: InfraState): StateComparison {
  const previous = before ?? { environments: [], findings: [] };
  const names = [...new Set([...previous.environments.map((e) => e.name), ...after.environments.map((e) => e.name)])].sort(compareText);
  const environments: EnvironmentChanges[] = [];
  for (const name of names) {
    const was = previous.environments.find((e) => e.name === name);
    const now = after.environments.find((e) => e.name === name);
    const objects = compareObjects(was, now);
    const introduced = newFindings(
      previous.findings.filter((f) => f.env === name),
      after.findings.filter((f) => f.env === name),
    ).sort(byFinding);
    // A finding about an object that is gone went with it: the change removed it, it did not fix it.
    const removed = new Set(objects.filter((o) => o.type === 'removed').map((o) => o.key));
    const fixed = newFindings(
      after.findings.filter((f) => f.env === name),
      previous.findings.filter((f) => f.env === name),
    )
      .filter((f) => f.resource === undefined || !removed.has(f.resource))
      .sort(byFinding);
    const status: EnvironmentStatus = !was ? 'created' : !now ? 'removed' : 'changed';
    if (status === 'changed' && objects.length === 0 && introduced.length === 0 && fixed.length === 0) continue;
    environments.push({ env: name, status, before: was?.objects.length ?? 0, after: now?.objects.length ?? 0, objects, introduced, fixed });
  }
  const global = (state: InfraState): StateFinding[] => state.findings.filter((f) => f.env === undefined);
  return {
    environments,
    introduced: newFindings(global(previous), global(after)).sort(byFinding),
    fixed: newFindings(global(after), global(previous)).sort(byFinding),
  };
}
