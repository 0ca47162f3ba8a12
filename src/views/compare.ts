// The comparison page's data: two environments (the site chooses which, src/site/environments.ts) set side by side,
// section by section — versions with the side that is ahead, replicas, hosts route by route, ConfigMaps and Secrets
// key by key, every other setting — each difference with the overlay line that makes it and the comment written
// there as its reason. The first environment is where a change is tried, the second the one it is promoted to.
import {
  compareEnvironmentPair,
  compareOverlayLines,
  kindLabel,
  routeOf,
  traceDifference,
  traceInclusion,
  type FieldPath,
  type Model,
  type OverlayLine,
  type OverlayLineKind,
  type PairComparison,
  type PairDifference,
  type Resource,
  type ResourcePair,
  type VersionComparison,
} from '../infra/index.ts';
import { findEnvironment } from './context.ts';
import { resourcePath } from './paths.ts';

/** An object of the comparison: its label and its page in each environment where it exists. */
export interface ComparedResource {
  identity: string;
  kind: string;
  kindLabel: string;
  namespace?: string;
  /** The object's name (a generated object's generator name). */
  name: string;
  /** « Déploiement booking/calcom ». */
  label: string;
  hrefs: Record<string, string>;
}

/** One line that makes a difference: where, what kind of line, and the reason written beside it. */
export interface DifferenceOrigin {
  env: string;
  path: string;
  line: number;
  /** « images », « patch », « fusion de générateur »… */
  how: string;
  /** The comment written there, as its author wrote it; absent: « sans raison écrite ». */
  reason?: string;
  /** No overlay line was found: this is where the object is written. */
  untraced?: boolean;
}

export type Verdict =
  /** The first environment runs the newer version: it waits to be promoted. */
  | { kind: 'promotion'; text: string }
  /** The second environment runs a newer version than the first ever ran. */
  | { kind: 'untested'; text: string }
  | { kind: 'same'; text: string }
  | { kind: 'incomparable'; text: string };

export interface VersionRow {
  resource: ComparedResource;
  /** « conteneur nginx », « chart cert-manager ». */
  what: string;
  /** The image (or chart) both sides run, when it is the same one: the cells then hold versions only. */
  subject?: string;
  left?: string;
  right?: string;
  verdict: Verdict;
  origins: DifferenceOrigin[];
}

/** Objects given the same counts by the same lines read as one row. */
export interface ReplicaRow {
  resources: ComparedResource[];
  what: string;
  left?: string;
  right?: string;
  origins: DifferenceOrigin[];
}

export interface HostRow {
  route: ComparedResource;
  left?: string[];
  right?: string[];
  status: 'different' | 'same' | 'left-only' | 'right-only';
  origins: DifferenceOrigin[];
}

export interface ConfigKeyRow {
  key: string;
  presence: 'both' | 'left' | 'right';
  /** Values of a ConfigMap; a Secret's never. */
  left?: string;
  right?: string;
  origins: DifferenceOrigin[];
}

export interface ConfigGroup {
  resource: ComparedResource;
  secret: boolean;
  /** The names kustomize generated (with their hash) on each side, when the object is generated. */
  generatedNames?: Record<string, string>;
  keys: ConfigKeyRow[];
}

export interface SettingField {
  what: string;
  left?: string;
  right?: string;
  /** The lines of this field, when the fields of the row come from different lines. */
  origins?: DifferenceOrigin[];
}

/**
 * What differs in an object besides versions, replicas, hosts and data — one row per object, or per set of objects the
 * same lines set to the same values (« 8 Ingress : annotation … »).
 */
export interface SettingRow {
  resources: ComparedResource[];
  fields: SettingField[];
  /** The lines of every field of the row, when they all come from the same lines; else each field has its own. */
  origins: DifferenceOrigin[];
}

export interface OneSideRow {
  resource: ComparedResource;
  origin: DifferenceOrigin;
}

export interface EnvironmentComparison {
  left: string;
  right: string;
  /** Objects present on both sides. */
  paired: number;
  /** Paired objects in which nothing differs. */
  same: number;
  versions: VersionRow[];
  replicas: ReplicaRow[];
  hosts: HostRow[];
  configs: ConfigGroup[];
  settings: SettingRow[];
  onlyLeft: OneSideRow[];
  onlyRight: OneSideRow[];
  /** Flux Kustomizations (Argo CD Applications) that build each environment's own folder, with its own additions. */
  builders: ComparedResource[];
  /** Differences (one per field, key, image… of each object), and how many come with a written reason. */
  differences: number;
  explained: number;
}

const HOW: Record<OverlayLineKind, string> = {
  images: 'images',
  replicas: 'replicas',
  patch: 'patch',
  generator: 'générateur',
  'generator-merge': 'fusion de générateur',
  'generator-replace': 'remplacement de générateur',
  labels: 'labels',
  annotations: 'annotations',
  substitution: 'substitution',
  resources: 'resources',
  manifest: 'manifeste',
};

function compared(pair: ResourcePair): ComparedResource {
  const label = `${kindLabel({ group: pair.group, kind: pair.kind })} ${pair.namespace ? `${pair.namespace}/` : ''}${pair.name}`;
  const hrefs: Record<string, string> = {};
  for (const r of [pair.left, pair.right]) if (r) hrefs[r.id.env] = resourcePath(r);
  return {
    identity: pair.identity,
    kind: pair.kind,
    kindLabel: kindLabel({ group: pair.group, kind: pair.kind }),
    ...(pair.namespace ? { namespace: pair.namespace } : {}),
    name: pair.name,
    label,
    hrefs,
  };
}

function origin(env: string, line: OverlayLine, untraced: boolean | undefined): DifferenceOrigin {
  const how = line.flux ? `${HOW[line.how]} de la Kustomization Flux` : HOW[line.how];
  return { env, path: line.path, line: line.line, how, ...(line.reason ? { reason: line.reason } : {}), ...(untraced ? { untraced: true } : {}) };
}

function originsOf(model: Model, comparison: PairComparison, pair: ResourcePair, difference: PairDifference): DifferenceOrigin[] {
  const trace = traceDifference(model, comparison, pair, difference);
  return [
    ...trace.left.map((line) => origin(comparison.left, line, trace.untraced)),
    ...trace.right.map((line) => origin(comparison.right, line, trace.untraced)),
  ];
}

/** « promotion en attente », « non testé en staging »… from the order of two versions. */
function verdictOf(version: VersionComparison, left: string, right: string): Verdict {
  switch (version.order) {
    case 'left-ahead':
      return { kind: 'promotion', text: `promotion en attente : ${left} essaie une version plus récente` };
    case 'right-ahead':
      return { kind: 'untested', text: `non testé en ${left} : ${right} fait tourner une version plus récente` };
    case 'same':
      return { kind: 'same', text: 'même version, écrite autrement' };
    default:
      return { kind: 'incomparable', text: `incomparables : ${version.reason ?? 'aucun ordre ne se lit'}` };
  }
}

/** `ghcr.io/x/app:1.4.0` → repository and version, to show the repository once when both sides run it. */
function splitImage(image: string): { repository: string; version: string } {
  const at = image.indexOf('@');
  const [name, digest] = at === -1 ? [image, ''] : [image.slice(0, at), image.slice(at)];
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > slash ? { repository: name.slice(0, colon), version: name.slice(colon + 1) + digest } : { repository: name, version: digest.slice(1) || '(sans tag)' };
}

function valueText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A field path as a reader says it: « annotation cert-manager.io/cluster-issuer », « conteneur calcom : resources.limits.memory ». */
function fieldLabel(path: FieldPath, resource: Resource | undefined): string {
  const [first, second, ...rest] = path.map(String);
  if (first === 'metadata' && (second === 'annotations' || second === 'labels') && rest.length > 0) {
    return `${second === 'annotations' ? 'annotation' : 'étiquette'} ${rest.join('.')}`;
  }
  // Containers by their name, the way people find them.
  let node: unknown = resource?.object;
  const parts: string[] = [];
  let container: string | undefined;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    const list = Array.isArray(node) ? node : undefined;
    const parent = i > 0 ? String(path[i - 1]) : '';
    node = list ? list[Number(step)] : (node as Record<string, unknown> | undefined)?.[String(step)];
    if (list && /containers$/i.test(parent) && typeof (node as { name?: unknown } | undefined)?.name === 'string') {
      container = `${parent === 'initContainers' ? 'conteneur d’initialisation' : 'conteneur'} ${(node as { name: string }).name}`;
      parts.length = 0;
      continue;
    }
    if (typeof step === 'number') parts.push(`[${step}]`);
    else parts.push(parts.length > 0 ? `.${step}` : step);
  }
  // `spec.` opens almost every field: the rest says which.
  const field = parts.join('').replace(/^spec\./, '');
  return container ? `${container} : ${field}` : field;
}

function originKey(origins: readonly DifferenceOrigin[]): string {
  return origins.map((o) => `${o.env}:${o.path}:${o.line}`).join('|');
}

const byOrigin = (a: { origins: DifferenceOrigin[]; fields?: SettingField[] }, b: { origins: DifferenceOrigin[]; fields?: SettingField[] }): number => {
  const first = (row: typeof a) => row.origins[0] ?? row.fields?.find((f) => f.origins?.length)?.origins?.[0];
  const [x, y] = [first(a), first(b)];
  if (!x || !y) return x ? -1 : y ? 1 : 0;
  return compareOverlayLines({ ...x, how: 'patch' }, { ...y, how: 'patch' });
};

/** What one comparison gathers while its pairs are read: the view, and rows that merge alike objects. */
interface Gathering {
  model: Model;
  comparison: NonNullable<ReturnType<typeof compareEnvironmentPair>>;
  view: EnvironmentComparison;
  settings: Map<string, SettingRow>;
  replicas: Map<string, ReplicaRow>;
}

/** The comparison of two environments, section by section; throws a located error for an unknown environment. */
export function compareEnvironments(model: Model, left: string, right: string): EnvironmentComparison {
  findEnvironment(model, left);
  findEnvironment(model, right);
  const comparison = compareEnvironmentPair(model, left, right)!;
  const view: EnvironmentComparison = {
    left,
    right,
    paired: 0,
    same: 0,
    versions: [],
    replicas: [],
    hosts: [],
    configs: [],
    settings: [],
    onlyLeft: [],
    onlyRight: [],
    builders: [],
    differences: 0,
    explained: 0,
  };
  const gathering: Gathering = { model, comparison, view, settings: new Map(), replicas: new Map() };
  for (const pair of comparison.pairs) {
    const resource = compared(pair);
    if (!pair.left || !pair.right) {
      const [env, r] = pair.left ? [left, pair.left] : [right, pair.right!];
      const row = { resource, origin: origin(env, traceInclusion(model, env, r), false) };
      (pair.left ? view.onlyLeft : view.onlyRight).push(row);
      if (isRoute(pair)) view.hosts.push(oneSidedRoute(pair, resource, row.origin));
      continue;
    }
    view.paired++;
    if (pair.differences.length === 0 && !pair.buildDiffers) view.same++;
    if (pair.buildDiffers) view.builders.push(resource);
    gatherPair(gathering, pair, resource);
  }
  view.settings = [...gathering.settings.values()].sort(byOrigin);
  view.replicas = [...gathering.replicas.values()].sort(byOrigin);
  // ConfigMaps (values shown) before Secrets (key names only).
  view.configs.sort((a, b) => Number(a.secret) - Number(b.secret));
  view.versions.sort((a, b) => verdictRank(a.verdict) - verdictRank(b.verdict));
  return view;
}

/** The rows one pair present on both sides brings: versions, replicas, hosts, data keys and other settings. */
function gatherPair(gathering: Gathering, pair: ResourcePair, resource: ComparedResource): void {
  const { model, comparison, view } = gathering;
  const { left, right } = view;
  // Each difference counts once, whichever row shows it: an annotation set on eight Ingresses is eight differences.
  const origins = (difference: PairDifference) => {
    const found = originsOf(model, comparison, pair, difference);
    view.differences++;
    if (found.length > 0 && found.every((o) => o.reason)) view.explained++;
    return found;
  };
  const fields: SettingField[] = [];
  let config: ConfigGroup | undefined;
  let hostRow: HostRow | undefined;
  for (const difference of pair.differences) {
    switch (difference.type) {
      case 'image': {
        const [a, b] = [difference.left && splitImage(difference.left), difference.right && splitImage(difference.right)];
        const sameRepository = a && b && a.repository === b.repository;
        view.versions.push({
          resource,
          what: `${difference.init ? 'conteneur d’initialisation' : 'conteneur'} ${difference.container}`,
          ...(sameRepository ? { subject: a.repository } : {}),
          ...(difference.left ? { left: sameRepository ? a.version : difference.left } : {}),
          ...(difference.right ? { right: sameRepository ? b.version : difference.right } : {}),
          verdict: verdictOf(difference.version, left, right),
          origins: origins(difference),
        });
        break;
      }
      case 'chart':
        view.versions.push({
          resource,
          what: `chart ${difference.chart}`,
          subject: difference.chart,
          ...(difference.left ? { left: difference.left } : {}),
          ...(difference.right ? { right: difference.right } : {}),
          verdict: verdictOf(difference.version, left, right),
          origins: origins(difference),
        });
        break;
      case 'replicas': {
        const row: ReplicaRow = {
          resources: [resource],
          what: difference.by === 'instances' ? 'instances' : 'réplicas',
          ...(difference.left !== undefined ? { left: String(difference.left) } : {}),
          ...(difference.right !== undefined ? { right: String(difference.right) } : {}),
          origins: origins(difference),
        };
        const key = `${originKey(row.origins)}\u0000${row.what}\u0000${row.left}\u0000${row.right}`;
        const same = gathering.replicas.get(key);
        if (same) same.resources.push(resource);
        else gathering.replicas.set(key, row);
        break;
      }
      case 'hosts':
        hostRow = { route: resource, left: difference.left, right: difference.right, status: 'different', origins: origins(difference) };
        break;
      case 'data':
        config ??= {
          resource,
          secret: difference.secret,
          ...(pair.generated ? { generatedNames: { [left]: pair.left!.id.name, [right]: pair.right!.id.name } } : {}),
          keys: [],
        };
        config.keys.push({
          key: difference.key,
          presence: difference.presence,
          ...(difference.left !== undefined ? { left: difference.left } : {}),
          ...(difference.right !== undefined ? { right: difference.right } : {}),
          origins: origins(difference),
        });
        break;
      case 'field': {
        const resourceOnSide = difference.left !== undefined ? pair.left : pair.right;
        fields.push({
          what: fieldLabel(difference.path, resourceOnSide),
          ...(difference.left !== undefined ? { left: valueText(difference.left) } : {}),
          ...(difference.right !== undefined ? { right: valueText(difference.right) } : {}),
          origins: origins(difference),
        });
        break;
      }
    }
  }
  if (config) view.configs.push(config);
  if (isRoute(pair)) {
    view.hosts.push(hostRow ?? { route: resource, left: hostsOf(pair.left), right: hostsOf(pair.right), status: 'same', origins: [] });
  }
  if (fields.length > 0) gatherSettings(gathering, resource, fields);
}

/** Other settings of one object: lines shared by every field said once; objects set alike by the same lines, one row. */
function gatherSettings(gathering: Gathering, resource: ComparedResource, fields: SettingField[]): void {
  const shared = fields.every((f) => originKey(f.origins!) === originKey(fields[0].origins!));
  const row: SettingRow = shared
    ? { resources: [resource], fields: fields.map(({ origins: _, ...field }) => field), origins: fields[0].origins! }
    : { resources: [resource], fields, origins: [] };
  // « 8 Ingress : annotation … ».
  const key = `${originKey(row.origins)}\u0000${JSON.stringify(row.fields)}`;
  const same = gathering.settings.get(key);
  if (same) same.resources.push(resource);
  else gathering.settings.set(key, row);
}

/** Rows that need attention first: what production runs untested, then promotions waiting, then the rest. */
function verdictRank(verdict: Verdict): number {
  return { untested: 0, promotion: 1, incomparable: 2, same: 3 }[verdict.kind];
}

/** Routes (Ingress, Gateway API, Traefik…: whatever the registry reads hosts from) get a row in the hosts table. */
function isRoute(pair: ResourcePair): boolean {
  const resource = pair.left ?? pair.right;
  return !!resource && routeOf(resource) !== undefined;
}

function hostsOf(resource: Resource | undefined): string[] {
  return resource ? (routeOf(resource)?.hosts ?? []) : [];
}

function oneSidedRoute(pair: ResourcePair, resource: ComparedResource, origin: DifferenceOrigin): HostRow {
  return pair.left
    ? { route: resource, left: hostsOf(pair.left), status: 'left-only', origins: [origin] }
    : { route: resource, right: hostsOf(pair.right), status: 'right-only', origins: [origin] };
}
