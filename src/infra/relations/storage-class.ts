// PVC (and StatefulSet claim templates) → StorageClass. Classes the cluster brings itself (k3s's local-path) are not
// in the manifests: the edge is kept, marked external, and is never a finding.
import type { RelationBuilder } from '../kinds/entry.ts';
import { claimOf, claimTemplatesOf } from '../kinds/storage.ts';
import type { Environment, Relation, Resource } from '../model.ts';
import { edge, keyIn } from './common.ts';

function storageClassEdge(env: Environment, from: Resource, className: string, reason: string, detail: Record<string, string> = {}): Relation {
  return edge(env, 'uses-storage-class', from, keyIn(env, 'storage.k8s.io', 'StorageClass', undefined, className), reason, detail);
}

export const claimStorageClass: RelationBuilder = (env, claim) => {
  const { storageClass, size } = claimOf(claim.object);
  const relations = storageClass ? [storageClassEdge(env, claim, storageClass, `demande son volume à la classe ${storageClass}`, size ? { size } : {})] : [];
  return { relations, findings: [] };
};

export const claimTemplateStorageClasses: RelationBuilder = (env, set) => {
  const relations = claimTemplatesOf(set.object).flatMap((template) =>
    template.storageClass
      ? [
          storageClassEdge(env, set, template.storageClass, `demande les volumes du modèle ${template.name} à la classe ${template.storageClass}`, {
            volumeClaimTemplate: template.name,
            ...(template.size ? { size: template.size } : {}),
          }),
        ]
      : [],
  );
  return { relations, findings: [] };
};
