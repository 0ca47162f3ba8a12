// The infrastructure model: every other module in src/infra, src/views and src/components reads these types.
// A resource is identified by (environment, API group, kind, namespace, name); `key` is that identity as one string,
// stable across builds, used for indexes, relation ends, page URLs and diagram ids.

export type Severity = 'error' | 'warning' | 'notice';

/** Where something was written: a path relative to the Git repository root (POSIX separators) and a 1-based line. */
export interface SourceLocation {
  path: string;
  line: number;
  column?: number;
}

/** A path to a field inside an object, as written: keys of mappings and indexes of lists (`['spec', 'replicas']`). */
export type FieldPath = readonly (string | number)[];

/** Where the fields of one object are written, looked up when first asked (the loader knows the file). */
export interface FieldLines {
  /** Line of the field at `path`, or of its deepest parent written there; undefined when the file cannot tell. */
  lineOf(path: FieldPath): number | undefined;
}

export interface ResourceId {
  env: string;
  /** API group, '' for the core group (v1). */
  group: string;
  kind: string;
  /** undefined for cluster-scoped resources. */
  namespace?: string;
  name: string;
}

export type KubeObject = Record<string, unknown> & {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
};

export interface Resource {
  id: ResourceId;
  key: string;
  apiVersion: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  source: SourceLocation;
  /** The line of each field in `source.path`, when the loader can tell (see `locationOf`). */
  lines?: FieldLines;
  /** The object as written (kustomize origin annotations removed); for a deduced object, as its chart would render it. */
  object: KubeObject;
  /** Written without a namespace, of a kind whose scope nothing says (no CRD, unknown kind): filed under none. */
  scopeUnknown?: true;
  /** Not written in the manifests: deduced from the values of the HelmRelease that makes it (see kinds/helm-charts). */
  deduced?: Deduction;
}

/** What a deduced object comes from: a release, its chart, and how faithfully its values were read. */
export interface Deduction {
  /** Key of the HelmRelease that makes it. */
  release: string;
  chart: string;
  /** `chart`: read as that chart renders its values; `convention`: the usual names of the common values convention. */
  fidelity: 'chart' | 'convention';
}

/** What the values of one release say it makes (and what they leave unknown). */
export interface ReleaseDeduction {
  /** Key of the release. */
  release: string;
  /** The chart's name, when known (from the release, or from the source its `chartRef` names). */
  chart?: string;
  /** The chart's version, when written (in the release, or in the source its `chartRef` names). */
  version?: string;
  /** The reader that read the values: the chart's own, or the common convention; absent: the chart is not read. */
  reader?: { chart: string; fidelity: 'chart' | 'convention' };
  /** Keys of the objects deduced (those the manifests also write are not repeated). */
  objects: string[];
  /** What the values do not say (French, one phrase each). */
  unknown: string[];
}

/** Where a field of a resource is written: its file, and the field's line when known, else the object's first line. */
export function locationOf(resource: { source: SourceLocation; lines?: FieldLines }, path?: FieldPath): SourceLocation {
  const line = path ? resource.lines?.lineOf(path) : undefined;
  return line === undefined || line === resource.source.line ? resource.source : { path: resource.source.path, line };
}

/** A check result. `message` and `hint` are French: they are shown on the site and by `npm run check`. */
export interface Finding {
  /** Stable code, e.g. FFE-E-YAML, FFE-W-IMAGE-UNPINNED. */
  code: string;
  severity: Severity;
  message: string;
  /** What to do next. */
  hint?: string;
  location?: SourceLocation;
  env?: string;
  /** Key of the resource the finding is about, when there is one. */
  resource?: string;
}

export type RelationType =
  | 'routes-to' // Ingress / HTTPRoute / IngressRoute -> Service
  | 'selects' // Service -> workload
  | 'uses-configmap'
  | 'uses-secret'
  | 'uses-pvc'
  | 'uses-service-account'
  | 'produces-secret' // SealedSecret -> Secret
  | 'uses-storage-class' // PVC -> StorageClass
  | 'scales' // HPA -> target
  | 'protects' // PDB -> target
  | 'applies-to' // NetworkPolicy -> workloads it selects
  | 'allows-from' // NetworkPolicy -> peer (workload or namespace)
  | 'allows-to'
  | 'stores-certificate' // Certificate / Ingress TLS -> Secret
  | 'issued-by' // Certificate / Ingress -> ClusterIssuer / Issuer
  | 'binds' // RoleBinding -> Role / ClusterRole
  | 'binds-subject' // RoleBinding -> ServiceAccount
  | 'deploys' // Flux Kustomization / Argo Application -> resources from its path
  | 'depends-on' // Flux Kustomization -> Kustomization
  | 'source' // Flux Kustomization / HelmRelease -> GitRepository / HelmRepository
  | 'backs-up' // ScheduledBackup -> CNPG Cluster
  | 'uses-database'; // workload -> CNPG Cluster (through its services / secrets)

/** A typed edge between two resources of the same environment, with the reason it exists (French, for the site). */
export interface Relation {
  type: RelationType;
  from: string;
  to: string;
  reason: string;
  /** Optional structured detail, e.g. { port: '80', targetPort: 'http' } or { host: 'ffe.fr', path: '/' }. */
  detail?: Record<string, string>;
}

/** A Helm chart deployed by a HelmRelease or a k3s HelmChart / HelmChartConfig: documented, never rendered. */
export interface HelmComponent {
  env: string;
  resource: string;
  chart: string;
  version?: string;
  repository?: string;
  namespace?: string;
  /** A few notable values, flattened to dotted paths. */
  values: Record<string, string>;
}

export interface Environment {
  name: string;
  resources: Resource[];
  byKey: Map<string, Resource>;
  byKind: Map<string, Resource[]>;
  namespaces: string[];
  /** What each HelmRelease's values say it makes, by release key (releases of charts no reader knows included). */
  deductions: Map<string, ReleaseDeduction>;
  /** Folders its deployers apply from sources outside this repository (not read: documented as such). */
  externalSources?: ExternalSourceUse[];
  /** Folders its deployers apply to another cluster (`spec.kubeConfig`): documented in that cluster's environment. */
  appliedElsewhere?: RemoteApply[];
  /** Folders of this repository its deployers apply through an ExternalArtifact assembled from it. */
  artifactFolders?: ArtifactFolder[];
}

/** The folder of this repository a deployer (its resource key) reads through an artifact, as the copy rules map it. */
export interface ArtifactFolder {
  deployer: string;
  artifact: string;
  /** Repository-relative. */
  folder: string;
}

/** A folder a deployer (its resource key) applies to another cluster, whose environment documents it. */
export interface RemoteApply {
  deployer: string;
  path: string;
  env: string;
}

/** A source outside this repository (an OCIRepository, another Git repository or branch): its URL and reference. */
export interface ExternalSource {
  kind: string;
  name: string;
  namespace: string;
  url?: string;
  /** The reference followed there (`tag v1.14.4`, `branche dev-team`). */
  ref?: string;
}

/** A folder a deployer (its resource key) applies from an external source, maybe through an ExternalArtifact. */
export interface ExternalSourceUse {
  deployer: string;
  path: string;
  source: ExternalSource;
  artifact?: string;
}

export interface Model {
  /** Absolute path of the manifests root. */
  root: string;
  /** Absolute path of the Git repository root holding the manifests (source paths are relative to it). */
  repoRoot: string;
  environments: Environment[];
  relations: Relation[];
  components: HelmComponent[];
  findings: Finding[];
}

export function apiGroupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function resourceKey(id: ResourceId): string {
  return [id.env, id.group || 'core', id.kind, id.namespace ?? '_cluster', id.name].join('/');
}

/**
 * Code-unit order, not the locale's: builds must give the same order on every machine, and keys are ASCII anyway.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The one order of relations, whatever order builders produce them in (and whatever order a model arrives in). */
export function compareRelations(a: Relation, b: Relation): number {
  return (
    compareText(a.from, b.from) ||
    compareText(a.type, b.type) ||
    compareText(a.to, b.to) ||
    compareText(a.reason, b.reason) ||
    compareText(JSON.stringify(a.detail ?? {}), JSON.stringify(b.detail ?? {}))
  );
}

/**
 * `compute(env)` once per environment: an environment is never changed once built, and what every resource of a
 * kind asks about it (an index, a list) is computed for the first and kept for the others.
 */
export function perEnvironment<T>(compute: (env: Environment) => T): (env: Environment) => T {
  const cache = new WeakMap<Environment, T>();
  return (env) => {
    if (!cache.has(env)) cache.set(env, compute(env));
    return cache.get(env)!;
  };
}

/** Resources of a kind, optionally restricted to some API groups (Traefik, for one, has moved between groups). */
export function resourcesOfKind(env: Environment, kind: string, groups?: readonly string[]): Resource[] {
  const all = env.byKind.get(kind) ?? [];
  return groups ? all.filter((r) => groups.includes(r.id.group)) : all;
}

/** Resources are kept in key order so that every view built from them is deterministic. */
export function createEnvironment(name: string, resources: Resource[], deductions: ReadonlyMap<string, ReleaseDeduction> = new Map()): Environment {
  const sorted = [...resources].sort((a, b) => compareText(a.key, b.key));
  const byKey = new Map<string, Resource>();
  const byKind = new Map<string, Resource[]>();
  const namespaces = new Set<string>();
  for (const r of sorted) {
    byKey.set(r.key, r);
    const list = byKind.get(r.id.kind) ?? [];
    list.push(r);
    byKind.set(r.id.kind, list);
    if (r.id.namespace) namespaces.add(r.id.namespace);
    if (r.id.kind === 'Namespace') namespaces.add(r.id.name);
  }
  return { name, resources: sorted, byKey, byKind, namespaces: [...namespaces].sort(), deductions: new Map(deductions) };
}
