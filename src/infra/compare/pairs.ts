// Two environments set side by side, object by object: each object is paired with its counterpart by what it is —
// API group, kind, namespace and name, a generated ConfigMap or Secret by its generator's name (kustomize's hash
// suffix differs as soon as one value does) — and what differs inside a pair is read field by field: images and
// chart versions (with which side is ahead), replicas, the hosts of a route, the keys of a ConfigMap or Secret (never a
// Secret's value), then every other field.
import { asRecord, hasSopsMetadata } from '../fields.ts';
import { KUSTOMIZATION_FILES } from '../files.ts';
import { fluxSourceOf } from '../kinds/flux.ts';
import { imageSlotsOf, podsOf, routeOf } from '../kinds/readers.ts';
import { kindEntry, secretFields, secretValuesOf } from '../kinds/registry.ts';
import { compareText, type Environment, type KubeObject, type Model, type Resource } from '../model.ts';
import type { FieldPath } from './trace.ts';
import { compareChartVersions, compareImages, type VersionComparison } from './versions.ts';

export interface ResourcePair {
  /** group/kind/namespace/name (the generator's name for a generated object): the same on both sides. */
  identity: string;
  group: string;
  kind: string;
  namespace?: string;
  /** The object's name, or its generator's for a generated ConfigMap or Secret. */
  name: string;
  left?: Resource;
  right?: Resource;
  /** A ConfigMap or Secret made by a kustomize generator, named with a hash of its content. */
  generated: boolean;
  differences: PairDifference[];
  /**
   * A Flux Kustomization (or Argo CD Application) whose build differs — its folder, patches, images, substitutions:
   * each environment builds its own overlay by construction, and what that changes is listed object by object.
   */
  buildDiffers?: boolean;
}

/** Where a difference is written on each side (several fields may carry one difference: a host and its TLS entry). */
export interface DifferencePaths {
  left: FieldPath[];
  right: FieldPath[];
}

interface DifferenceBase {
  paths: DifferencePaths;
}

export type PairDifference = DifferenceBase &
  (
    | { type: 'image'; container: string; init: boolean; left?: string; right?: string; version: VersionComparison }
    | { type: 'chart'; chart: string; left?: string; right?: string; version: VersionComparison }
    | { type: 'replicas'; by: 'replicas' | 'instances'; left?: number; right?: number }
    | { type: 'hosts'; left: string[]; right: string[] }
    /** `left`/`right` hold values for a ConfigMap only; a Secret's keys are compared, its values never shown. */
    | { type: 'data'; key: string; presence: 'both' | 'left' | 'right'; secret: boolean; left?: string; right?: string }
    | { type: 'field'; path: FieldPath; left?: unknown; right?: unknown }
  );

export interface PairComparison {
  left: string;
  right: string;
  pairs: ResourcePair[];
}

// kustomize's hash suffix: ten characters of an alphabet without vowels nor look-alike digits.
const HASH_SUFFIX = /-[2456789bcdfghkmt]{10}$/;

/** The generator's name of a ConfigMap or Secret a kustomize generator made, or undefined. */
export function generatorNameOf(resource: Resource): string | undefined {
  const { id, source } = resource;
  if (id.group !== '' || (id.kind !== 'ConfigMap' && id.kind !== 'Secret')) return undefined;
  const file = source.path.split('/').pop() ?? '';
  if (!KUSTOMIZATION_FILES.includes(file) || !HASH_SUFFIX.test(id.name)) return undefined;
  return id.name.replace(HASH_SUFFIX, '');
}

function identityOf(resource: Resource): { identity: string; name: string; generated: boolean } {
  const generator = generatorNameOf(resource);
  const name = generator ?? resource.id.name;
  return { identity: [resource.id.group || 'core', resource.id.kind, resource.id.namespace ?? '_cluster', name].join('/'), name, generated: generator !== undefined };
}

/** Rendered name → generator name of the generated objects of an environment, to read references the same way. */
function generatedNames(env: Environment): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of env.resources) {
    const generator = generatorNameOf(r);
    if (generator) out.set(r.id.name, generator);
  }
  return out;
}

/** A copy of the object where references to generated names read as their generator's name. */
function normalized(object: unknown, names: Map<string, string>): unknown {
  if (typeof object === 'string') return names.get(object) ?? object;
  if (Array.isArray(object)) return object.map((item) => normalized(item, names));
  const record = asRecord(object);
  if (!record) return object;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, normalized(v, names)]));
}

interface Leaf {
  path: FieldPath;
  left?: unknown;
  right?: unknown;
}

const same = (a: unknown, b: unknown): boolean => a === b || JSON.stringify(a) === JSON.stringify(b);

/** Every place where two objects differ: scalars, or a whole subtree present on one side only. */
function leaves(left: unknown, right: unknown, path: (string | number)[] = [], out: Leaf[] = []): Leaf[] {
  if (same(left, right)) return out;
  const bothLists = Array.isArray(left) && Array.isArray(right);
  const bothMaps = !!asRecord(left) && !!asRecord(right);
  if (bothLists) {
    const [a, b] = [left as unknown[], right as unknown[]];
    for (let i = 0; i < Math.max(a.length, b.length); i++) leaves(a[i], b[i], [...path, i], out);
  } else if (bothMaps) {
    const [a, b] = [left as Record<string, unknown>, right as Record<string, unknown>];
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareText)) leaves(a[key], b[key], [...path, key], out);
  } else {
    out.push({ path, ...(left !== undefined ? { left } : {}), ...(right !== undefined ? { right } : {}) });
  }
  return out;
}

const startsWith = (path: FieldPath, prefix: readonly (string | number)[]): boolean => prefix.every((step, i) => String(path[i]) === String(step));

/** Paths of the fields holding `value` under a key named `key` (where an image or a version is written). */
function pathsOf(object: unknown, key: string, value: string, path: (string | number)[] = [], out: FieldPath[] = []): FieldPath[] {
  if (Array.isArray(object)) object.forEach((item, i) => pathsOf(item, key, value, [...path, i], out));
  else {
    const record = asRecord(object);
    if (record) for (const [k, v] of Object.entries(record)) {
      if (k === key && v === value) out.push([...path, k]);
      else pathsOf(v, key, value, [...path, k], out);
    }
  }
  return out;
}

const HIDDEN_FIELDS: readonly (readonly string[])[] = [['status'], ['sops']];


/** The keys of a ConfigMap, or of a Secret-like object (its values kept only to tell whether they changed). */
function dataOf(object: KubeObject): { secret: boolean; encrypted: boolean; entries: Map<string, { path: FieldPath; value: unknown }> } {
  const entries = new Map<string, { path: FieldPath; value: unknown }>();
  // Kinds whose values the registry marks secret (Secret, SealedSecret…): their keys only.
  if (secretFields(object).length > 0) {
    for (const { field, key, value } of secretValuesOf(object)) entries.set(key, { path: [...field.split('.'), key], value });
    return { secret: true, encrypted: object.kind === 'SealedSecret' || hasSopsMetadata(object), entries };
  }
  if (object.kind === 'ConfigMap') {
    for (const field of ['data', 'binaryData']) {
      for (const [key, value] of Object.entries(asRecord(object[field]) ?? {})) entries.set(key, { path: [field, key], value });
    }
  }
  return { secret: false, encrypted: false, entries };
}

/** The paths where an object keeps its data (handled key by key, never as plain fields). */
function dataRoots(object: KubeObject): FieldPath[] {
  const roots: FieldPath[] = secretFields(object);
  return object.kind === 'ConfigMap' ? [...roots, ['data'], ['binaryData']] : roots;
}

function valueText(value: unknown, binary: boolean): string | undefined {
  if (value === undefined) return undefined;
  if (binary) return `(binaire, ${String(value).length} caractères en base64)`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function dataDifferences(left: Resource, right: Resource): PairDifference[] {
  const a = dataOf(left.object);
  const b = dataOf(right.object);
  const secret = a.secret || b.secret;
  const encrypted = a.encrypted || b.encrypted;
  const out: PairDifference[] = [];
  for (const key of [...new Set([...a.entries.keys(), ...b.entries.keys()])].sort(compareText)) {
    const x = a.entries.get(key);
    const y = b.entries.get(key);
    const presence = x && y ? 'both' : x ? 'left' : 'right';
    // Ciphertexts differ between clusters whatever they hide: only a key on one side is a difference.
    if (presence === 'both' && (encrypted || same(x!.value, y!.value))) continue;
    const paths = { left: x ? [x.path] : [], right: y ? [y.path] : [] };
    const binary = (x ?? y)!.path[0] === 'binaryData';
    const values = secret ? {} : { ...(x ? { left: valueText(x.value, binary) } : {}), ...(y ? { right: valueText(y.value, binary) } : {}) };
    out.push({ type: 'data', key, presence, secret, ...values, paths } as PairDifference);
  }
  return out;
}

function imageDifferences(left: Resource, right: Resource, absorbed: Set<string>): PairDifference[] {
  const a = new Map(imageSlotsOf(left).map((s) => [s.container, s]));
  const b = new Map(imageSlotsOf(right).map((s) => [s.container, s]));
  const out: PairDifference[] = [];
  for (const container of [...new Set([...a.keys(), ...b.keys()])].sort(compareText)) {
    const x = a.get(container);
    const y = b.get(container);
    if (x?.image === y?.image) continue;
    const paths = { left: x ? pathsOf(left.object, 'image', x.image) : [], right: y ? pathsOf(right.object, 'image', y.image) : [] };
    for (const path of [...paths.left, ...paths.right]) absorbed.add(JSON.stringify(path));
    const version = x && y ? compareImages(x.image, y.image) : { order: 'incomparable' as const, reason: 'conteneur présent d’un seul côté' };
    out.push({ type: 'image', container, init: (x ?? y)!.init, ...(x ? { left: x.image } : {}), ...(y ? { right: y.image } : {}), version, paths });
  }
  return out;
}

function replicaDifferences(left: Resource, right: Resource, absorbed: Set<string>): PairDifference[] {
  const count = (r: Resource) => {
    const replicas = podsOf(r)?.replicas;
    return replicas?.by === 'replicas' || replicas?.by === 'instances' ? replicas : undefined;
  };
  const x = count(left);
  const y = count(right);
  if (!x && !y) return [];
  if (x?.count === y?.count) return [];
  const { by, field: path } = (x ?? y)!;
  absorbed.add(JSON.stringify(path));
  return [{ type: 'replicas', by, ...(x ? { left: x.count } : {}), ...(y ? { right: y.count } : {}), paths: { left: [path], right: [path] } }];
}

/** Chart versions: a HelmRelease's (or an Argo CD / k3s chart's), an OCIRepository's tag. */
function chartDifferences(model: Model, left: Resource, right: Resource, fieldLeaves: Leaf[], absorbed: Set<string>): PairDifference[] {
  const out: PairDifference[] = [];
  const charts = (r: Resource) => new Map(model.components.filter((c) => c.resource === r.key).map((c) => [c.chart, c.version]));
  const a = charts(left);
  const b = charts(right);
  for (const chart of [...new Set([...a.keys(), ...b.keys()])].sort(compareText)) {
    if (!a.has(chart) || !b.has(chart)) continue;
    const [x, y] = [a.get(chart), b.get(chart)];
    if (x === y) continue;
    const versionLeaves = fieldLeaves.filter((l) => ['version', 'targetRevision'].includes(String(l.path[l.path.length - 1])) && (l.left === x || l.right === y));
    for (const l of versionLeaves) absorbed.add(JSON.stringify(l.path));
    const paths = versionLeaves.map((l) => l.path);
    out.push({ type: 'chart', chart, ...(x ? { left: x } : {}), ...(y ? { right: y } : {}), version: compareChartVersions(x, y), paths: { left: paths, right: paths } });
  }
  if (left.id.kind === 'OCIRepository') {
    const [a, b] = [fluxSourceOf(left.object), fluxSourceOf(right.object)];
    const url = a.url ?? left.id.name;
    for (const field of ['tag', 'semver', 'digest'] as const) {
      const [x, y] = [a.ref[field], b.ref[field]];
      if (same(x, y) || (x === undefined && y === undefined)) continue;
      const path = a.at.refFields[field];
      absorbed.add(JSON.stringify(path));
      const version =
        field === 'digest' ? { order: 'incomparable' as const, reason: 'désigné par son empreinte (digest) : l’empreinte ne dit pas quelle version est la plus récente' } : compareChartVersions(x === undefined ? undefined : String(x), y === undefined ? undefined : String(y));
      out.push({ type: 'chart', chart: url.split('/').pop() ?? url, ...(x !== undefined ? { left: String(x) } : {}), ...(y !== undefined ? { right: String(y) } : {}), version, paths: { left: [path], right: [path] } });
    }
  }
  return out;
}

function hostDifferences(left: Resource, right: Resource, fieldLeaves: Leaf[], absorbed: Set<string>): PairDifference[] {
  const a = routeOf(left);
  const b = routeOf(right);
  if (!a && !b) return [];
  const hostsA = a?.hosts ?? [];
  const hostsB = b?.hosts ?? [];
  if (same([...hostsA].sort(), [...hostsB].sort())) return [];
  const all = [...hostsA, ...hostsB];
  const mentions = (value: unknown) => typeof value === 'string' && all.some((host) => value.includes(host));
  const hostLeaves = fieldLeaves.filter((l) => mentions(l.left) || mentions(l.right));
  for (const l of hostLeaves) absorbed.add(JSON.stringify(l.path));
  // The rules' hosts say where the route answers; the TLS entries follow them.
  const primary = hostLeaves.filter((l) => !l.path.includes('tls'));
  const paths = (primary.length > 0 ? primary : hostLeaves).map((l) => l.path);
  return [{ type: 'hosts', left: hostsA, right: hostsB, paths: { left: paths, right: paths } }];
}

function differencesOf(model: Model, pair: ResourcePair, names: { left: Map<string, string>; right: Map<string, string>; deployers: Set<string> }): PairDifference[] {
  const { left, right } = pair;
  if (!left || !right) return [];
  // A deployer whose folder was not followed (another repository, a Flux artifact) shows its own differences: what
  // they change is nowhere else on the page.
  const builds = names.deployers.has(left.key) && names.deployers.has(right.key);
  const build = builds ? (kindEntry(pair.group, pair.kind)?.buildFields ?? []) : [];
  const hidden = [...HIDDEN_FIELDS, ...build, ...dataRoots(left.object), ...dataRoots(right.object), ...(pair.generated ? [['metadata', 'name']] : [])];
  const all = leaves(normalized(left.object, names.left), normalized(right.object, names.right));
  if (all.some((l) => build.some((root) => startsWith(l.path, root)))) pair.buildDiffers = true;
  const fieldLeaves = all.filter((l) => !hidden.some((root) => startsWith(l.path, root)));
  const absorbed = new Set<string>();
  const out = [
    ...imageDifferences(left, right, absorbed),
    ...chartDifferences(model, left, right, fieldLeaves, absorbed),
    ...replicaDifferences(left, right, absorbed),
    ...hostDifferences(left, right, fieldLeaves, absorbed),
    ...dataDifferences(left, right),
  ];
  for (const leaf of fieldLeaves) {
    if (absorbed.has(JSON.stringify(leaf.path))) continue;
    out.push({ type: 'field', path: leaf.path, ...(leaf.left !== undefined ? { left: leaf.left } : {}), ...(leaf.right !== undefined ? { right: leaf.right } : {}), paths: { left: [leaf.path], right: [leaf.path] } });
  }
  return out;
}

/** Every object of two environments, paired by identity, with what differs inside each pair. */
export function pairEnvironments(model: Model, left: Environment, right: Environment): PairComparison {
  const byIdentity = (env: Environment) => {
    const map = new Map<string, Resource>();
    for (const r of env.resources) {
      const { identity } = identityOf(r);
      // Two generated objects of one generator name in one namespace (two Flux builds): each keeps its own name.
      map.set(map.has(identity) ? `${identity}\u0000${r.id.name}` : identity, r);
    }
    return map;
  };
  const a = byIdentity(left);
  const b = byIdentity(right);
  const names = {
    left: generatedNames(left),
    right: generatedNames(right),
    deployers: new Set(model.relations.filter((r) => r.type === 'deploys').map((r) => r.from)),
  };
  const pairs: ResourcePair[] = [];
  for (const identity of [...new Set([...a.keys(), ...b.keys()])].sort(compareText)) {
    const x = a.get(identity);
    const y = b.get(identity);
    const r = (x ?? y)!;
    const { name, generated } = identityOf(r);
    const pair: ResourcePair = {
      identity,
      group: r.id.group,
      kind: r.id.kind,
      ...(r.id.namespace !== undefined ? { namespace: r.id.namespace } : {}),
      name,
      ...(x ? { left: x } : {}),
      ...(y ? { right: y } : {}),
      generated,
      differences: [],
    };
    pair.differences = differencesOf(model, pair, names);
    pairs.push(pair);
  }
  return { left: left.name, right: right.name, pairs };
}
