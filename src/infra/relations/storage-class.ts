// PVC (and StatefulSet claim templates) → StorageClass. Classes the cluster brings itself (k3s's local-path) are not
// in the manifests: the edge is kept, marked external, and is never a finding.
import type { Environment, Relation, Resource } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { edge, keyIn, resourcesOfKind } from './common.ts';

function storageClassEdge(env: Environment, from: Resource, className: string, reason: string, detail: Record<string, string> = {}): Relation {
  return edge(env, 'uses-storage-class', from, keyIn(env, 'storage.k8s.io', 'StorageClass', undefined, className), reason, detail);
}

function sizeOf(spec: Record<string, unknown> | undefined): Record<string, string> {
  const size = asString(asRecord(asRecord(spec?.resources)?.requests)?.storage);
  return size ? { size } : {};
}

export function storageClassUses(env: Environment): RelationResult {
  const relations: Relation[] = [];
  for (const claim of resourcesOfKind(env, 'PersistentVolumeClaim', [''])) {
    const className = asString(specOf(claim).storageClassName);
    if (!className) continue;
    relations.push(storageClassEdge(env, claim, className, `demande son volume à la classe ${className}`, sizeOf(specOf(claim))));
  }
  for (const set of resourcesOfKind(env, 'StatefulSet', ['apps'])) {
    for (const template of asRecords(specOf(set).volumeClaimTemplates)) {
      const spec = asRecord(template.spec);
      const className = asString(spec?.storageClassName);
      const name = asString(asRecord(template.metadata)?.name) ?? '?';
      if (!className) continue;
      relations.push(
        storageClassEdge(env, set, className, `demande les volumes du modèle ${name} à la classe ${className}`, {
          volumeClaimTemplate: name,
          ...sizeOf(spec),
        }),
      );
    }
  }
  return { relations, findings: [] };
}
