// Flux and Argo CD: what a Kustomization applies and after what, what a HelmRelease installs, where sources point,
// what an Argo CD Application deploys. The loader (which folders to follow), the relations, the Helm component list,
// the Git ↔ cluster comparison and the GitOps pages read this.
import { parse } from 'yaml';
import { asArray, asRecord, asRecords, asString, asStringMap } from '../fields.ts';
import type { FieldPath, KubeObject } from '../model.ts';
import type { ChartInstall, InstalledRelease } from './charts.ts';
import { Field } from './located.ts';
import { ReferenceCollector, type SecretReference } from './secret-references.ts';

export const FLUX_KUSTOMIZE = 'kustomize.toolkit.fluxcd.io';
export const FLUX_HELM = 'helm.toolkit.fluxcd.io';

/** A reference to another object: a source, a dependency. `namespace` is absent when it is the referrer's own. */
export interface ObjectReference {
  kind?: string;
  name: string;
  namespace?: string;
}

function referenceOf(value: unknown): ObjectReference | undefined {
  const ref = asRecord(value);
  const name = asString(ref?.name);
  if (!name) return undefined;
  const kind = asString(ref?.kind);
  const namespace = asString(ref?.namespace);
  return { ...(kind ? { kind } : {}), name, ...(namespace ? { namespace } : {}) };
}

function referencesOf(list: unknown): ObjectReference[] {
  return asRecords(list).flatMap((entry) => referenceOf(entry) ?? []);
}

/** Trimmed text, as Flux reads paths and namespaces: blank is not set. */
function trimmed(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** A ConfigMap or Secret whose keys a Kustomization's `postBuild.substituteFrom` turns into variables. */
export interface SubstituteReference {
  kind: 'ConfigMap' | 'Secret';
  name: string;
  optional: boolean;
}

/** A Kustomization's `postBuild`: variables given inline (`substitute`) and read from objects (`substituteFrom`). */
export interface PostBuild {
  substitute: Record<string, string>;
  substituteFrom: SubstituteReference[];
}

/** What Flux adds to the kustomization of its path before building it. */
export interface FluxKustomizeAdditions {
  /** Component folders, relative to the built folder. */
  components: string[];
  patches: Record<string, unknown>[];
  images: Record<string, unknown>[];
  namePrefix?: string;
  nameSuffix?: string;
}

export interface FluxKustomization {
  /** The folder of its source it applies; Flux's default is the source's root. */
  path: string;
  /** Whether `spec.path` is written (the loader follows written paths only). */
  pathWritten: boolean;
  targetNamespace?: string;
  sourceRef?: ObjectReference;
  dependsOn: ObjectReference[];
  /** `spec.wait`: waits for what it applied to be ready before its dependants start. */
  wait: boolean;
  additions: FluxKustomizeAdditions;
  /** `spec.commonMetadata`: labels and annotations put on every object it applies. */
  commonMetadata?: { labels: Record<string, string>; annotations: Record<string, string> };
  postBuild?: PostBuild;
  /** `spec.ignoreMissingComponents`. */
  ignoreMissingComponents: boolean;
  /** `spec.kubeConfig.secretRef`: it applies to another cluster, whose kubeconfig that Secret holds. */
  kubeConfigSecret?: string;
}

/** `postBuild`, read leniently: a malformed entry is skipped (the schema check reports it). */
function postBuildOf(spec: Record<string, unknown>): PostBuild | undefined {
  const postBuild = asRecord(spec.postBuild);
  if (!postBuild) return undefined;
  const substituteFrom = asRecords(postBuild.substituteFrom).flatMap((ref): SubstituteReference[] => {
    const kind = ref.kind === 'Secret' ? 'Secret' : ref.kind === 'ConfigMap' ? 'ConfigMap' : undefined;
    const name = asString(ref.name);
    return kind && name ? [{ kind, name, optional: ref.optional === true }] : [];
  });
  return { substitute: asStringMap(postBuild.substitute), substituteFrom };
}

/**
 * Where a Flux Kustomization writes what it adds to the kustomization it builds (patches, images, components,
 * postBuild…): its spec, shaped like a kustomization file — the comparison's overlay reader reads it as one.
 */
export const KUSTOMIZATION_ADDITIONS: FieldPath = ['spec'];

export function fluxKustomizationOf(object: KubeObject): FluxKustomization {
  const spec = asRecord(object.spec) ?? {};
  const path = trimmed(spec.path);
  const targetNamespace = trimmed(spec.targetNamespace);
  const sourceRef = referenceOf(spec.sourceRef);
  const namePrefix = trimmed(spec.namePrefix);
  const nameSuffix = trimmed(spec.nameSuffix);
  const metadata = asRecord(spec.commonMetadata);
  const postBuild = postBuildOf(spec);
  const kubeConfigSecret = asString(asRecord(asRecord(spec.kubeConfig)?.secretRef)?.name);
  return {
    path: path ?? './',
    pathWritten: path !== undefined,
    ...(targetNamespace ? { targetNamespace } : {}),
    ...(sourceRef ? { sourceRef } : {}),
    dependsOn: referencesOf(spec.dependsOn),
    wait: spec.wait === true,
    additions: {
      components: asArray(spec.components).filter((c): c is string => typeof c === 'string' && c.trim() !== ''),
      patches: asRecords(spec.patches),
      images: asRecords(spec.images),
      ...(namePrefix ? { namePrefix } : {}),
      ...(nameSuffix ? { nameSuffix } : {}),
    },
    ...(metadata ? { commonMetadata: { labels: asStringMap(metadata.labels), annotations: asStringMap(metadata.annotations) } } : {}),
    ...(postBuild ? { postBuild } : {}),
    ignoreMissingComponents: spec.ignoreMissingComponents === true,
    ...(kubeConfigSecret ? { kubeConfigSecret } : {}),
  };
}

export interface HelmReleaseFacts {
  chart?: string;
  version?: string;
  /** Where the chart comes from: `spec.chart.spec.sourceRef` (a repository), or `spec.chartRef` (a chart source). */
  chartSource?: ObjectReference;
  /** Whether the chart is named through `spec.chartRef` rather than `spec.chart.spec`. */
  chartRef: boolean;
  targetNamespace?: string;
  values?: Record<string, unknown>;
  dependsOn: ObjectReference[];
}

export function helmReleaseOf(object: KubeObject): HelmReleaseFacts {
  const spec = asRecord(object.spec) ?? {};
  const chartSpec = asRecord(asRecord(spec.chart)?.spec);
  const chartRef = referenceOf(spec.chartRef);
  const chart = asString(chartSpec?.chart) ?? chartRef?.name;
  const version = asString(chartSpec?.version);
  const chartSource = referenceOf(chartSpec?.sourceRef) ?? chartRef;
  const targetNamespace = asString(spec.targetNamespace);
  const values = asRecord(spec.values);
  return {
    ...(chart ? { chart } : {}),
    ...(version ? { version } : {}),
    ...(chartSource ? { chartSource } : {}),
    chartRef: chartRef !== undefined,
    ...(targetNamespace ? { targetNamespace } : {}),
    ...(values ? { values } : {}),
    dependsOn: referencesOf(spec.dependsOn),
  };
}

/** What a source follows in its repository (`spec.ref`), as written: a tag, a semver range, a digest, a branch… */
export interface SourceReference {
  tag?: string;
  semver?: string;
  digest?: string;
  branch?: string;
  commit?: string;
  name?: string;
}

/** Where a Flux source (GitRepository, HelmRepository, OCIRepository) points: its URL, and what it follows there. */
export interface FluxSourceFacts {
  url?: string;
  branch?: string;
  /** `spec.ref`, its fields in the order a reader names them. */
  ref: SourceReference;
  /** Where the URL and the reference are, and each field of the reference (written or not). */
  at: { url: FieldPath; ref: FieldPath; refFields: { [K in keyof SourceReference]-?: FieldPath } };
}

const REF_FIELDS = ['tag', 'semver', 'digest', 'branch', 'commit', 'name'] as const;

export function fluxSourceOf(object: KubeObject): FluxSourceFacts {
  const root = Field.of(object).at('spec');
  const spec = root.record() ?? {};
  // A Bucket names no URL: its endpoint and bucket name say where it fetches from.
  const bucket = asString(spec.bucketName);
  const url = asString(spec.url) ?? (bucket ? `${asString(spec.endpoint) ?? ''}/${bucket}` : undefined);
  const ref: SourceReference = {};
  for (const field of REF_FIELDS) {
    const value = root.at('ref', field).string();
    if (value !== undefined) ref[field] = value;
  }
  const refFields = Object.fromEntries(REF_FIELDS.map((field) => [field, root.at('ref', field).path])) as FluxSourceFacts['at']['refFields'];
  return { ...(url ? { url } : {}), ...(ref.branch ? { branch: ref.branch } : {}), ref, at: { url: root.at('url').path, ref: root.at('ref').path, refFields } };
}

/**
 * What a chart source (a HelmRelease's `chartRef`: an OCIRepository, a HelmChart) says of the chart it serves: its
 * version as the source follows it (`ref.tag`, else the `semver` range, else the digest; a HelmChart's `spec.version`)
 * and its name (an OCI URL's last segment, a HelmChart's `spec.chart`).
 */
export function chartSourceOf(object: KubeObject): { chart?: string; version?: string } {
  const spec = Field.of(object).at('spec');
  if (object.kind === 'HelmChart') {
    const chart = spec.at('chart').string();
    const version = spec.at('version').string();
    return { ...(chart ? { chart } : {}), ...(version ? { version } : {}) };
  }
  const { url, ref } = fluxSourceOf(object);
  const chart = url?.replace(/\/+$/, '').split('/').pop();
  const version = ref.tag ?? ref.semver ?? ref.digest;
  return { ...(chart ? { chart } : {}), ...(version ? { version } : {}) };
}

// Flux Operator ------------------------------------------------------------------------------------------------------

/** A FluxInstance installs Flux and, with `spec.sync`, syncs the cluster from a folder of a repository. */
export interface FluxInstanceFacts {
  /** `spec.sync.path`: the folder the cluster is synced from. */
  syncPath?: string;
}

export function fluxInstanceOf(object: KubeObject): FluxInstanceFacts {
  const syncPath = trimmed(asRecord(asRecord(object.spec)?.sync)?.path);
  return syncPath ? { syncPath } : {};
}

// Argo CD ------------------------------------------------------------------------------------------------------------

export interface ArgoSource {
  /** A folder of a Git repository, when the source is not a chart. */
  path?: string;
  chart?: string;
  repoURL?: string;
  targetRevision?: string;
  /** `helm.valuesObject`, else `helm.values` (YAML text), as written. */
  helmValues?: unknown;
  helmValuesText?: string;
  /** `directory.recurse`: Argo CD reads a plain folder's top-level files only unless it is set. */
  recurse: boolean;
  /** Where the source is written (`spec.source`, `spec.sources[1]`). */
  at: FieldPath;
}

export interface ArgoApplicationFacts {
  /** `spec.destination.namespace`: where objects without a namespace land. */
  namespace?: string;
  /** `spec.source` then `spec.sources`. */
  sources: ArgoSource[];
}

export function argoApplicationOf(object: KubeObject): ArgoApplicationFacts {
  const root = Field.of(object).at('spec');
  const spec = root.record() ?? {};
  const namespace = trimmed(asRecord(spec.destination)?.namespace);
  const sources = [root.at('source'), ...root.at('sources').records()].flatMap((field): ArgoSource[] => {
    const source = field.record();
    if (!source) return [];
    const helm = asRecord(source.helm);
    const out: ArgoSource = { recurse: asRecord(source.directory)?.recurse === true, at: field.path };
    const path = trimmed(source.path);
    const chart = asString(source.chart);
    const repoURL = asString(source.repoURL);
    const targetRevision = asString(source.targetRevision);
    if (path) out.path = path;
    if (chart) out.chart = chart;
    if (repoURL) out.repoURL = repoURL;
    if (targetRevision) out.targetRevision = targetRevision;
    if (asRecord(helm?.valuesObject)) out.helmValues = helm!.valuesObject;
    if (typeof helm?.values === 'string') out.helmValuesText = helm.values;
    return [out];
  });
  return { ...(namespace ? { namespace } : {}), sources };
}

// What deploys folders -------------------------------------------------------------------------------------------------

/** A folder of a Git repository an object deploys, and what it asks of the build. */
export interface FolderDeploy {
  /** The folder as written (relative to the root of the Git source). */
  path: string;
  /** Flux `targetNamespace`: every namespaced object goes there. */
  targetNamespace?: string;
  /** Argo CD `destination.namespace`: for objects that name none. */
  defaultNamespace?: string;
  /** Argo CD reads a plain folder's top-level files only, unless `directory.recurse` is set. */
  recurse: boolean;
  /** Argo CD reads `.json` manifests of a folder too (Flux lists `.yaml` and `.yml` files only). */
  json?: true;
  /** What Flux adds to the kustomization it builds. */
  additions?: FluxKustomizeAdditions;
  /** Flux `commonMetadata`: labels and annotations put on every object. */
  commonMetadata?: { labels: Record<string, string>; annotations: Record<string, string> };
  postBuild?: PostBuild;
  /** Flux `ignoreMissingComponents`. */
  ignoreMissingComponents?: boolean;
  /** The Flux source the path is read from (`spec.sourceRef`); none: the repository itself. */
  sourceRef?: ObjectReference;
  /** Flux `spec.kubeConfig.secretRef`: what it applies goes to another cluster. */
  kubeConfigSecret?: string;
}

/** The registry's `deploys` parser of a Flux Kustomization (one without a spec deploys nothing). */
export function kustomizationDeploys(object: KubeObject): FolderDeploy[] {
  if (!asRecord(object.spec)) return [];
  const facts = fluxKustomizationOf(object);
  return [
    {
      path: facts.path,
      recurse: true,
      additions: facts.additions,
      ...(facts.targetNamespace ? { targetNamespace: facts.targetNamespace } : {}),
      ...(facts.commonMetadata ? { commonMetadata: facts.commonMetadata } : {}),
      ...(facts.postBuild ? { postBuild: facts.postBuild } : {}),
      ...(facts.ignoreMissingComponents ? { ignoreMissingComponents: true } : {}),
      ...(facts.sourceRef ? { sourceRef: facts.sourceRef } : {}),
      ...(facts.kubeConfigSecret ? { kubeConfigSecret: facts.kubeConfigSecret } : {}),
    },
  ];
}

/** The registry's `deploys` parser of a FluxInstance: the folder it syncs the cluster from. */
export function fluxInstanceDeploys(object: KubeObject): FolderDeploy[] {
  const { syncPath } = fluxInstanceOf(object);
  return syncPath ? [{ path: syncPath, recurse: true }] : [];
}

/** The registry's `deploys` parser of an Argo CD Application: its sources that are folders, not charts. */
export function argoApplicationDeploys(object: KubeObject): FolderDeploy[] {
  if (!asRecord(object.spec)) return [];
  const { namespace, sources } = argoApplicationOf(object);
  return sources.flatMap((source) =>
    source.path && !source.chart ? [{ path: source.path, recurse: source.recurse, json: true as const, ...(namespace ? { defaultNamespace: namespace } : {}) }] : [],
  );
}

// Charts and releases ------------------------------------------------------------------------------------------------

/** Name and namespace as written (an object of a cluster export has no loader to place it). */
export function writtenIdentity(object: KubeObject): { name: string; namespace?: string } {
  const metadata = asRecord(object.metadata);
  const namespace = asString(metadata?.namespace);
  return { name: asString(metadata?.name) ?? asString(metadata?.generateName) ?? '', ...(namespace ? { namespace } : {}) };
}

function valuesText(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return parse(text, { maxAliasCount: 100 });
  } catch {
    return undefined;
  }
}

/** The registry's `charts` parser of a Flux HelmRelease: `spec.chart.spec`, or the chart source `spec.chartRef` names. */
export function helmReleaseCharts(object: KubeObject): ChartInstall[] {
  const facts = helmReleaseOf(object);
  if (!facts.chart) return [];
  const spec = Field.of(object).at('spec');
  const chartSpec = spec.at('chart', 'spec');
  const values = { values: spec.at('values').path };
  const at = chartSpec.record()
    ? { chart: chartSpec.at('chart').path, version: chartSpec.at('version').path, ...values }
    : { chart: spec.at('chartRef').path, ...values };
  return [
    {
      chart: facts.chart,
      ...(facts.version ? { version: facts.version } : {}),
      ...(facts.chartSource ? { source: facts.chartSource } : {}),
      ...(facts.targetNamespace ? { namespace: facts.targetNamespace } : {}),
      ownNamespaceByDefault: true,
      ...(facts.chartRef ? { fromSource: true as const } : {}),
      values: facts.values,
      at,
    },
  ];
}

/** The registry's `release` parser of a Flux HelmRelease: the release helm-controller installs, and its source HelmChart. */
export function helmReleaseRelease(object: KubeObject): InstalledRelease {
  const spec = Field.of(object).at('spec');
  const { name, namespace } = writtenIdentity(object);
  const target = spec.at('targetNamespace').string();
  const chartSpec = spec.at('chart', 'spec');
  const sourceNamespace = chartSpec.at('sourceRef', 'namespace').string() ?? namespace;
  const releaseNamespace = target ?? namespace;
  const storageNamespace = spec.at('storageNamespace').string() ?? namespace;
  return {
    name: spec.at('releaseName').string() ?? (target ? `${target}-${name}` : name),
    ...(releaseNamespace ? { namespace: releaseNamespace } : {}),
    ...(storageNamespace ? { storageNamespace } : {}),
    createsNamespace: spec.at('install', 'createNamespace').value === true,
    ...(chartSpec.record() ? { fluxHelmChart: { ...(sourceNamespace ? { namespace: sourceNamespace } : {}), name: `${namespace}-${name}` } } : {}),
  };
}

/** The registry's `charts` parser of an Argo CD Application: one per chart source. */
export function argoApplicationCharts(object: KubeObject): ChartInstall[] {
  const { namespace, sources } = argoApplicationOf(object);
  return sources.flatMap((s): ChartInstall[] =>
    s.chart
      ? [
          {
            chart: s.chart,
            ...(s.targetRevision ? { version: s.targetRevision } : {}),
            ...(s.repoURL ? { repository: s.repoURL } : {}),
            ...(namespace ? { namespace } : {}),
            ownNamespaceByDefault: false,
            values: s.helmValues ?? valuesText(s.helmValuesText),
            at: { chart: [...s.at, 'chart'], version: [...s.at, 'targetRevision'] },
          },
        ]
      : [],
  );
}

/** The registry's `release` parser of an Argo CD Application: a chart source is rendered and applied by Argo CD. */
export function argoApplicationRelease(object: KubeObject): InstalledRelease | undefined {
  const spec = Field.of(object).at('spec');
  const source = spec.at('source');
  if (!source.at('chart').value) return undefined;
  const target = spec.at('destination', 'namespace').string();
  const { name } = writtenIdentity(object);
  return {
    name: source.at('helm', 'releaseName').string() ?? name,
    ...(target ? { namespace: target } : {}),
    createsNamespace: false,
    argoApplication: name,
  };
}

// Secrets the toolkit reads ------------------------------------------------------------------------------------------

/** `valuesFrom` / `substituteFrom`: a list of `{ kind: Secret | ConfigMap, name, optional }`. */
function fromList(c: ReferenceCollector, list: Field, purpose: (entry: Field) => string): void {
  for (const entry of list.records()) {
    const kind = entry.at('kind').value;
    if (kind === 'Secret' || kind === 'ConfigMap') c.ref(entry, purpose(entry), kind);
  }
}

function kubeConfig(c: ReferenceCollector, spec: Field): void {
  c.ref(spec.at('kubeConfig', 'secretRef'), 'le kubeconfig du cluster cible');
}

/** The registry's `secretReferences` parser of a HelmRelease: its values, its target cluster's kubeconfig. */
export function helmReleaseSecretReferences(object: KubeObject, namespace: string | undefined): SecretReference[] {
  const c = new ReferenceCollector(namespace);
  const spec = Field.of(object).at('spec');
  fromList(c, spec.at('valuesFrom'), (entry) => {
    const key = entry.at('valuesKey').string();
    return key ? `les valeurs du chart (clé ${key})` : 'les valeurs du chart';
  });
  kubeConfig(c, spec);
  return c.refs;
}

/** The registry's `secretReferences` parser of a Kustomization: substitutions, decryption key, kubeconfig. */
export function kustomizationSecretReferences(object: KubeObject, namespace: string | undefined): SecretReference[] {
  const c = new ReferenceCollector(namespace);
  const spec = Field.of(object).at('spec');
  fromList(c, spec.at('postBuild', 'substituteFrom'), () => 'les variables de substitution');
  c.ref(spec.at('decryption', 'secretRef'), 'la clé de déchiffrement');
  kubeConfig(c, spec);
  return c.refs;
}

/** The registry's `secretReferences` parser of a Flux source: credentials, certificates, proxy, signature keys. */
export function fluxSourceSecretReferences(object: KubeObject, namespace: string | undefined): SecretReference[] {
  const c = new ReferenceCollector(namespace);
  const spec = Field.of(object).at('spec');
  c.ref(spec.at('secretRef'), 'les identifiants d’accès à la source');
  c.ref(spec.at('certSecretRef'), 'les certificats TLS de la source');
  c.ref(spec.at('proxySecretRef'), 'la configuration du proxy');
  c.ref(spec.at('verify', 'secretRef'), 'les clés de vérification des signatures');
  return c.refs;
}
