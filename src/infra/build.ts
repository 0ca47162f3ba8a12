// Parsed documents → typed resources → one Environment. Pure: no file system, no kustomize.
import { asStringMap } from './fields.ts';
import { apiGroupOf, createEnvironment, resourceKey, type Environment, type Finding, type KubeObject, type Resource } from './model.ts';
import type { ParsedDocument } from './parse.ts';
import { scopeResolver, type ScopeResolver } from './kinds/registry.ts';
import { formatLocation } from './findings.ts';

/** A parsed document as it enters an environment, with the namespace the deploying tool would give it. */
export interface EnvironmentDocument extends ParsedDocument {
  /** Flux Kustomization `spec.targetNamespace`: overrides the namespace of every namespaced object. */
  targetNamespace?: string;
  /** Argo CD Application `spec.destination.namespace`: used when the object names none. */
  defaultNamespace?: string;
  /** The Flux Kustomization / Argo CD Application whose path brought this document in. */
  deployedBy?: KubeObject;
}

/** Where a namespaced object lands when its manifest names no namespace (what `kubectl apply` does). */
export const DEFAULT_NAMESPACE = 'default';

export function toResource(env: string, doc: EnvironmentDocument, isClusterScoped: ScopeResolver): Resource {
  const object: KubeObject = doc.object;
  const apiVersion = String(object.apiVersion);
  const group = apiGroupOf(apiVersion);
  const kind = String(object.kind);
  const metadata = object.metadata ?? {};
  const name = String(metadata.name ?? (metadata as { generateName?: string }).generateName ?? '');
  const namespace = isClusterScoped(group, kind)
    ? undefined
    : doc.targetNamespace ?? (metadata.namespace ? String(metadata.namespace) : doc.defaultNamespace ?? DEFAULT_NAMESPACE);
  const id = { env, group, kind, ...(namespace !== undefined ? { namespace } : {}), name };
  return {
    id,
    key: resourceKey(id),
    apiVersion,
    labels: asStringMap(metadata.labels),
    annotations: asStringMap(metadata.annotations),
    source: doc.source,
    ...(doc.lines ? { lines: doc.lines } : {}),
    object,
  };
}

function describe(resource: Resource): string {
  const { kind, namespace, name } = resource.id;
  return namespace ? `${kind} ${namespace}/${name}` : `${kind} ${name}`;
}

/** The same identity defined twice: the first definition (in source order) is kept, each other one is an error. */
export function buildEnvironment(
  name: string,
  documents: readonly EnvironmentDocument[],
): { environment: Environment; findings: Finding[]; deployedBy: Map<string, string[]> } {
  const isClusterScoped = scopeResolver(documents.map((d) => d.object));
  const findings: Finding[] = [];
  const kept = new Map<string, Resource>();
  const deployerObjects = new Map<string, KubeObject>();
  for (const doc of documents) {
    const resource = toResource(name, doc, isClusterScoped);
    const first = kept.get(resource.key);
    if (!first) {
      kept.set(resource.key, resource);
      if (doc.deployedBy) deployerObjects.set(resource.key, doc.deployedBy);
      continue;
    }
    if (first.source.path === resource.source.path && first.source.line === resource.source.line) continue;
    findings.push({
      code: 'FFE-E-DUPLICATE-RESOURCE',
      severity: 'error',
      message: `${describe(resource)} est défini deux fois dans l’environnement « ${name} » (déjà en ${formatLocation(first.source)}).`,
      hint: 'Kubernetes n’en garderait qu’une version : supprimez ou renommez l’une des deux définitions.',
      location: resource.source,
      env: name,
      resource: resource.key,
    });
  }
  return { environment: createEnvironment(name, [...kept.values()]), findings, deployedBy: deployedByKey(kept, deployerObjects) };
}

/** Deployer key → keys of what it deployed. Documents keep their deployer's object, so identity is by reference. */
function deployedByKey(kept: Map<string, Resource>, deployerObjects: Map<string, KubeObject>): Map<string, string[]> {
  const keyOfObject = new Map<KubeObject, string>();
  for (const resource of kept.values()) keyOfObject.set(resource.object, resource.key);
  const out = new Map<string, string[]>();
  for (const [key, deployer] of deployerObjects) {
    const deployerKey = keyOfObject.get(deployer);
    if (!deployerKey) continue;
    out.set(deployerKey, [...(out.get(deployerKey) ?? []), key]);
  }
  return out;
}
