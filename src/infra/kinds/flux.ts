// Flux: what a Kustomization applies and after what, what a HelmRelease installs, where sources point. The loader
// (which folders to follow), the relations, the Helm component list and the GitOps pages read this.
import { asArray, asRecord, asRecords, asString, asStringMap } from '../fields.ts';
import type { KubeObject } from '../model.ts';

export const FLUX_KUSTOMIZE = 'kustomize.toolkit.fluxcd.io';
export const FLUX_HELM = 'helm.toolkit.fluxcd.io';
export const FLUX_SOURCE = 'source.toolkit.fluxcd.io';

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

export function fluxKustomizationOf(object: KubeObject): FluxKustomization {
  const spec = asRecord(object.spec) ?? {};
  const path = trimmed(spec.path);
  const targetNamespace = trimmed(spec.targetNamespace);
  const sourceRef = referenceOf(spec.sourceRef);
  const namePrefix = trimmed(spec.namePrefix);
  const nameSuffix = trimmed(spec.nameSuffix);
  const metadata = asRecord(spec.commonMetadata);
  const postBuild = postBuildOf(spec);
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

/** Where a Flux source (GitRepository, HelmRepository, OCIRepository) points: its URL, and a Git branch. */
export interface FluxSourceFacts {
  url?: string;
  branch?: string;
}

export function fluxSourceOf(object: KubeObject): FluxSourceFacts {
  const spec = asRecord(object.spec) ?? {};
  // A Bucket names no URL: its endpoint and bucket name say where it fetches from.
  const bucket = asString(spec.bucketName);
  const url = asString(spec.url) ?? (bucket ? `${asString(spec.endpoint) ?? ''}/${bucket}` : undefined);
  const branch = asString(asRecord(spec.ref)?.branch);
  return { ...(url ? { url } : {}), ...(branch ? { branch } : {}) };
}

// Flux Operator ------------------------------------------------------------------------------------------------------

export const FLUX_OPERATOR = 'fluxcd.controlplane.io';

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

export const ARGO_CD = 'argoproj.io';

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
}

export interface ArgoApplicationFacts {
  /** `spec.destination.namespace`: where objects without a namespace land. */
  namespace?: string;
  /** `spec.source` then `spec.sources`. */
  sources: ArgoSource[];
}

export function argoApplicationOf(object: KubeObject): ArgoApplicationFacts {
  const spec = asRecord(object.spec) ?? {};
  const namespace = trimmed(asRecord(spec.destination)?.namespace);
  const sources = [asRecord(spec.source), ...asRecords(spec.sources)].flatMap((source): ArgoSource[] => {
    if (!source) return [];
    const helm = asRecord(source.helm);
    const out: ArgoSource = { recurse: asRecord(source.directory)?.recurse === true };
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
