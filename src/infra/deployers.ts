// The objects that deploy folders of a Git repository, and what each asks for: a Flux Kustomization (spec.path,
// targetNamespace, components, patches, images, name prefix and suffix, commonMetadata, postBuild), a Flux Operator
// FluxInstance (spec.sync.path) and an Argo CD Application (source paths, destination namespace, directory.recurse).
// Their fields are read by their parsers (kinds/flux.ts), leniently: a malformed field is reported by the schema check.
import { asRecord } from './fields.ts';
import { ARGO_CD, argoApplicationOf, FLUX_KUSTOMIZE, FLUX_OPERATOR, fluxInstanceOf, fluxKustomizationOf, type PostBuild } from './kinds/flux.ts';
import type { KustomizeAdditions } from './kustomize.ts';
import { apiGroupOf, type KubeObject } from './model.ts';

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

function fluxTarget<D extends { object: KubeObject }>(doc: D): DeployTarget<D> {
  const facts = fluxKustomizationOf(doc.object);
  return {
    path: facts.path,
    from: doc,
    recurse: true,
    additions: facts.additions,
    ...(facts.targetNamespace ? { targetNamespace: facts.targetNamespace } : {}),
    ...(facts.commonMetadata ? { commonMetadata: facts.commonMetadata } : {}),
    ...(facts.postBuild ? { postBuild: facts.postBuild } : {}),
    ...(facts.ignoreMissingComponents ? { ignoreMissingComponents: true } : {}),
  };
}

/** Every folder the documents deploy, in document order. */
export function deployTargets<D extends { object: KubeObject }>(documents: readonly D[]): DeployTarget<D>[] {
  const out: DeployTarget<D>[] = [];
  for (const doc of documents) {
    if (!asRecord(doc.object.spec)) continue;
    const group = apiGroupOf(doc.object.apiVersion ?? '');
    const { kind } = doc.object;
    if (group === FLUX_KUSTOMIZE && kind === 'Kustomization') {
      out.push(fluxTarget(doc));
    } else if (group === FLUX_OPERATOR && kind === 'FluxInstance') {
      const { syncPath } = fluxInstanceOf(doc.object);
      if (syncPath) out.push({ path: syncPath, from: doc, recurse: true });
    } else if (group === ARGO_CD && kind === 'Application') {
      const { namespace, sources } = argoApplicationOf(doc.object);
      for (const source of sources) {
        if (!source.path || source.chart) continue;
        out.push({ path: source.path, from: doc, recurse: source.recurse, ...(namespace ? { defaultNamespace: namespace } : {}) });
      }
    }
  }
  return out;
}
