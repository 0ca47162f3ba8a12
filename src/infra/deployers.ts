// The objects that deploy folders of a Git repository, and what each asks for: a Flux Kustomization (spec.path,
// targetNamespace, components, patches, images, name prefix and suffix, commonMetadata, postBuild), a Flux Operator
// FluxInstance (spec.sync.path), an Argo CD Application (source paths, destination namespace, directory.recurse) —
// whatever kind has a `deploys` parser in the registry. Read leniently: a malformed field is reported by the schema
// check.
import type { FolderDeploy } from './kinds/flux.ts';
import { deploysOf } from './kinds/readers.ts';
import type { KubeObject } from './model.ts';

export interface DeployTarget<D extends { object: KubeObject } = { object: KubeObject }> extends FolderDeploy {
  from: D;
}

/** Every folder the documents deploy, in document order. */
export function deployTargets<D extends { object: KubeObject }>(documents: readonly D[]): DeployTarget<D>[] {
  return documents.flatMap((doc) => deploysOf(doc.object).map((deploy) => ({ ...deploy, from: doc })));
}
