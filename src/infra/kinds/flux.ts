// Flux: what a Kustomization applies and after what, what a HelmRelease installs, where sources point. The loader
// (which folders to follow), the relations, the Helm component list and the GitOps pages read this.
import { asRecord, asRecords, asString } from '../fields.ts';
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
}

export function fluxKustomizationOf(object: KubeObject): FluxKustomization {
  const spec = asRecord(object.spec) ?? {};
  const path = trimmed(spec.path);
  const targetNamespace = trimmed(spec.targetNamespace);
  const sourceRef = referenceOf(spec.sourceRef);
  return {
    path: path ?? './',
    pathWritten: path !== undefined,
    ...(targetNamespace ? { targetNamespace } : {}),
    ...(sourceRef ? { sourceRef } : {}),
    dependsOn: referencesOf(spec.dependsOn),
    wait: spec.wait === true,
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
    const out: ArgoSource = {};
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
