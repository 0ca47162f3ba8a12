// The objects that deploy folders of a Git repository, and what each asks for: a Flux Kustomization (spec.path,
// targetNamespace, components, patches, images, name prefix and suffix, commonMetadata, postBuild), a Flux Operator
// FluxInstance (spec.sync.path) and an Argo CD Application (source paths, destination namespace, directory.recurse).
// Read leniently: a malformed field is ignored here and reported by the schema check.
import { asArray, asRecord, asRecords } from './fields.ts';
import type { KustomizeAdditions } from './kustomize.ts';
import type { KubeObject } from './model.ts';
import { postBuildOf, type PostBuild } from './flux-substitution.ts';

export interface DeployTarget<D extends { object: KubeObject } = { object: KubeObject }> {
  /** The folder as written (relative to the root of the Git source). */
  path: string;
  from: D;
  /** Flux `targetNamespace`: every namespaced object goes there. */
  targetNamespace?: string;
  /** Argo CD `destination.namespace`: for objects that name none. */
  defaultNamespace?: string;
  /** Argo CD reads a plain folder's top-level files only, unless `directory.recurse` is set. */
  recurse: boolean;
  /** What Flux adds to the kustomization it builds. */
  additions?: KustomizeAdditions;
  /** Flux `commonMetadata`: labels and annotations put on every object. */
  commonMetadata?: { labels: Record<string, string>; annotations: Record<string, string> };
  postBuild?: PostBuild;
  /** Flux `ignoreMissingComponents`. */
  ignoreMissingComponents?: boolean;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, item] of Object.entries(asRecord(value) ?? {})) if (item !== null && item !== undefined) out[key] = String(item);
  return out;
}

export function isFluxKustomization(object: KubeObject): boolean {
  return object.kind === 'Kustomization' && String(object.apiVersion ?? '').startsWith('kustomize.toolkit.fluxcd.io/');
}

export function isFluxInstance(object: KubeObject): boolean {
  return object.kind === 'FluxInstance' && String(object.apiVersion ?? '').startsWith('fluxcd.controlplane.io/');
}

export function isArgoApplication(object: KubeObject): boolean {
  return object.kind === 'Application' && String(object.apiVersion ?? '').startsWith('argoproj.io/');
}

function fluxTarget<D extends { object: KubeObject }>(doc: D): DeployTarget<D> {
  const spec = asRecord(doc.object.spec) ?? {};
  const metadata = asRecord(spec.commonMetadata);
  const additions: KustomizeAdditions = {
    components: asArray(spec.components).filter((c): c is string => typeof c === 'string' && c.trim() !== ''),
    patches: asRecords(spec.patches),
    images: asRecords(spec.images),
    ...(text(spec.namePrefix) ? { namePrefix: text(spec.namePrefix) } : {}),
    ...(text(spec.nameSuffix) ? { nameSuffix: text(spec.nameSuffix) } : {}),
  };
  const postBuild = postBuildOf(doc.object);
  return {
    path: text(spec.path) ?? './',
    from: doc,
    recurse: true,
    additions,
    ...(text(spec.targetNamespace) ? { targetNamespace: text(spec.targetNamespace) } : {}),
    ...(metadata ? { commonMetadata: { labels: stringRecord(metadata.labels), annotations: stringRecord(metadata.annotations) } } : {}),
    ...(postBuild ? { postBuild } : {}),
    ...(spec.ignoreMissingComponents === true ? { ignoreMissingComponents: true } : {}),
  };
}

/** Every folder the documents deploy, in document order. */
export function deployTargets<D extends { object: KubeObject }>(documents: readonly D[]): DeployTarget<D>[] {
  const out: DeployTarget<D>[] = [];
  for (const doc of documents) {
    const spec = asRecord(doc.object.spec);
    if (!spec) continue;
    if (isFluxKustomization(doc.object)) {
      out.push(fluxTarget(doc));
    } else if (isFluxInstance(doc.object)) {
      const path = text(asRecord(spec.sync)?.path);
      if (path) out.push({ path, from: doc, recurse: true });
    } else if (isArgoApplication(doc.object)) {
      const namespace = text(asRecord(spec.destination)?.namespace);
      for (const source of [asRecord(spec.source), ...asRecords(spec.sources)]) {
        const path = text(source?.path);
        if (!path || source?.chart) continue;
        const recurse = asRecord(source?.directory)?.recurse === true;
        out.push({ path, from: doc, recurse, ...(namespace ? { defaultNamespace: namespace } : {}) });
      }
    }
  }
  return out;
}
