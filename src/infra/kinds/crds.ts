// CustomResourceDefinitions: the kind a definition adds to the API — its group, its scope (a resource's namespace is
// part of its identity, so the loader must know it before computing keys) and the name the API serves it under.
import type { KubeObject } from '../model.ts';
import { Field } from './located.ts';

export interface CustomResourceDefinitionFacts {
  group: string;
  kind: string;
  /** The resource name (`widgets`) RBAC and `kubectl get` use. */
  plural?: string;
  clusterScoped: boolean;
}

export function customResourceDefinitionOf(object: KubeObject): CustomResourceDefinitionFacts | undefined {
  const spec = Field.of(object).at('spec');
  const group = spec.at('group').value;
  const kind = spec.at('names', 'kind').value;
  const plural = spec.at('names', 'plural').value;
  if (typeof group !== 'string' || typeof kind !== 'string') return undefined;
  return { group, kind, ...(typeof plural === 'string' ? { plural } : {}), clusterScoped: spec.at('scope').value === 'Cluster' };
}
