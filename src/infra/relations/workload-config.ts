// Workload → ConfigMap, Secret, PVC and ServiceAccount: everything a pod template reads (env, envFrom, volumes,
// projected volumes, image pull secrets, volumeClaimTemplates). CronJobs are covered through their job template.
import { capitalize, joinFrench } from '../french.ts';
import type { RelationBuilder, RelationResult } from '../kinds/entry.ts';
import { claimTemplatesOf } from '../kinds/storage.ts';
import { workloadOf } from '../kinds/readers.ts';
import { podReferencesOf, type PodReference, type PodUsage as Usage, type Workload } from '../kinds/workloads.ts';
import type { Environment, FieldPath, Finding, Relation, RelationType, Resource } from '../model.ts';
import { describe, edge, finding, keyIn } from './common.ts';
import { resolveReference } from './secret-producers.ts';

type TargetKind = PodReference['kind'];

const RELATION_OF: Record<TargetKind, RelationType> = {
  ConfigMap: 'uses-configmap',
  Secret: 'uses-secret',
  PersistentVolumeClaim: 'uses-pvc',
};

const LABEL_OF: Record<TargetKind, string> = { ConfigMap: 'ConfigMap', Secret: 'Secret', PersistentVolumeClaim: 'PVC' };

function usageText(usage: Usage): string {
  switch (usage.how) {
    case 'volume':
      return `volume ${usage.volume}`;
    case 'projected':
      return `volume projeté ${usage.volume}`;
    case 'env':
      return `variable ${usage.variable}`;
    case 'envFrom':
      return 'toutes ses clés en variables d’environnement';
    case 'imagePull':
      return 'téléchargement des images';
  }
}

/** « monte le ConfigMap nginx-conf en volume », or « utilise le Secret db : variable A et volume creds ». */
function reasonFor(kind: TargetKind, name: string, usages: Usage[]): string {
  const target = `le ${LABEL_OF[kind]} ${name}`;
  const distinct = [...new Set(usages.map(usageText))];
  if (distinct.length > 1) return `utilise ${target} : ${joinFrench(distinct)}`;
  const usage = usages[0];
  switch (usage.how) {
    case 'volume':
      return `monte ${target} en volume`;
    case 'projected':
      return `monte ${target} dans le volume projeté ${usage.volume}`;
    case 'env':
      return `lit la variable ${usage.variable} dans ${target}`;
    case 'envFrom':
      return `charge ${target} en variables d’environnement`;
    case 'imagePull':
      return `télécharge ses images avec ${target}`;
  }
}

function missing(workload: Resource, kind: TargetKind, name: string, usages: Usage[], at: FieldPath): Finding {
  const ns = workload.id.namespace;
  const where = ns ? ` dans le namespace ${ns}` : '';
  const how = joinFrench([...new Set(usages.map(usageText))]);
  const codes: Record<TargetKind, string> = {
    ConfigMap: 'FFE-E-CONFIGMAP-MISSING',
    Secret: 'FFE-E-SECRET-MISSING',
    PersistentVolumeClaim: 'FFE-E-PVC-MISSING',
  };
  const hints: Record<TargetKind, string> = {
    ConfigMap: `Ajoutez le ConfigMap ${name}${where}, corrigez le nom, ou marquez la référence « optional: true » si elle peut manquer.`,
    Secret: `Ajoutez un SealedSecret ${name}${where} (kubeseal), corrigez le nom, ou marquez la référence « optional: true » si elle peut manquer.`,
    PersistentVolumeClaim: `Ajoutez le PersistentVolumeClaim ${name}${where} ou corrigez claimName.`,
  };
  return finding(
    workload,
    codes[kind],
    'error',
    `${capitalize(describe(workload))} utilise le ${LABEL_OF[kind]} ${name} (${how}), qui n’existe pas dans les manifestes.`,
    hints[kind],
    at,
  );
}

function claimTemplateRelations(env: Environment, workload: Resource): Relation[] {
  if (workload.id.kind !== 'StatefulSet') return [];
  return claimTemplatesOf(workload.object).map((template) => {
    // Kubernetes names each replica's claim <template>-<statefulset>-<ordinal>; the key names the family.
    const key = keyIn(env, '', 'PersistentVolumeClaim', workload.id.namespace, `${template.name}-${workload.id.name}`);
    const detail: Record<string, string> = { volumeClaimTemplate: template.name, ...(template.size ? { size: template.size } : {}) };
    return edge(env, 'uses-pvc', workload, key, `crée un PVC par réplica depuis le modèle ${template.name}`, detail);
  });
}

function serviceAccountRelation(env: Environment, workload: Resource, facts: Workload): Relation[] {
  const name = facts.serviceAccountName;
  if (!name) return [];
  const key = keyIn(env, '', 'ServiceAccount', workload.id.namespace, name);
  return [edge(env, 'uses-service-account', workload, key, `s’exécute avec le ServiceAccount ${name}`)];
}

export const workloadConfigUses: RelationBuilder = (env, workload, _entry, context) => {
  const result: RelationResult = { relations: [], findings: [] };
  const facts = workloadOf(workload);
  if (!facts) return result;
  const grouped = new Map<string, PodReference[]>();
  for (const ref of podReferencesOf(facts, workload.object)) {
    const id = `${ref.kind}/${ref.name}`;
    grouped.set(id, [...(grouped.get(id) ?? []), ref]);
  }
  for (const refs of grouped.values()) {
    const { kind, name } = refs[0];
    const usages = refs.map((r) => r.usage);
    const target = resolveReference(env, context, kind, workload.id.namespace, name);
    const optional = refs.every((r) => r.optional);
    if (!target.exists && !optional) {
      result.findings.push(missing(workload, kind, name, usages, refs[0].at));
      continue;
    }
    const detail = { ...target.detail, ...(optional ? { optional: 'true' } : {}) };
    result.relations.push(edge(env, RELATION_OF[kind], workload, target.key, reasonFor(kind, name, usages), detail));
  }
  result.relations.push(...claimTemplateRelations(env, workload), ...serviceAccountRelation(env, workload, facts));
  return result;
};
