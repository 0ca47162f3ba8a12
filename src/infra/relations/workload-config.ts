// Workload → ConfigMap, Secret, PVC and ServiceAccount: everything a pod template reads (env, envFrom, volumes,
// projected volumes, image pull secrets, volumeClaimTemplates). CronJobs are covered through their job template.
import type { Environment, Finding, Relation, RelationType, Resource } from '../model.ts';
import { isWorkload, podTemplateOf, type PodSpec } from '../workloads.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { capitalize, joinFrench } from '../french.ts';
import { containersIn, describe, edge, finding, keyIn } from './common.ts';
import { producerDetail, resolveSecret, secretProducers, type SecretProducer } from './secret-producers.ts';

type TargetKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim';

/** One place a pod template refers to a ConfigMap, Secret or PVC. */
interface Reference {
  kind: TargetKind;
  name: string;
  optional: boolean;
  usage: Usage;
}

type Usage =
  | { how: 'volume'; volume: string }
  | { how: 'projected'; volume: string }
  | { how: 'env'; variable: string }
  | { how: 'envFrom' }
  | { how: 'imagePull' };

const RELATION_OF: Record<TargetKind, RelationType> = {
  ConfigMap: 'uses-configmap',
  Secret: 'uses-secret',
  PersistentVolumeClaim: 'uses-pvc',
};

const LABEL_OF: Record<TargetKind, string> = { ConfigMap: 'ConfigMap', Secret: 'Secret', PersistentVolumeClaim: 'PVC' };

/** ConfigMaps every namespace has without anyone writing them. */
const BUILT_IN_CONFIGMAPS = new Set(['kube-root-ca.crt']);

function isOptional(ref: Record<string, unknown> | undefined): boolean {
  return ref?.optional === true;
}

function referencesOf(spec: PodSpec): Reference[] {
  const refs: Reference[] = [];
  for (const container of containersIn(spec)) {
    for (const variable of asRecords(container.env)) {
      const from = asRecord(variable.valueFrom);
      const name = asString(variable.name) ?? '?';
      for (const [field, kind] of [['configMapKeyRef', 'ConfigMap'], ['secretKeyRef', 'Secret']] as const) {
        const ref = asRecord(from?.[field]);
        const target = asString(ref?.name);
        if (target) refs.push({ kind, name: target, optional: isOptional(ref), usage: { how: 'env', variable: name } });
      }
    }
    for (const source of asRecords(container.envFrom)) {
      for (const [field, kind] of [['configMapRef', 'ConfigMap'], ['secretRef', 'Secret']] as const) {
        const ref = asRecord(source[field]);
        const target = asString(ref?.name);
        if (target) refs.push({ kind, name: target, optional: isOptional(ref), usage: { how: 'envFrom' } });
      }
    }
  }
  for (const volume of asRecords(spec.volumes)) {
    const volumeName = asString(volume.name) ?? '?';
    const configMap = asRecord(volume.configMap);
    const secret = asRecord(volume.secret);
    const claim = asRecord(volume.persistentVolumeClaim);
    if (asString(configMap?.name)) {
      refs.push({ kind: 'ConfigMap', name: asString(configMap?.name)!, optional: isOptional(configMap), usage: { how: 'volume', volume: volumeName } });
    }
    if (asString(secret?.secretName)) {
      refs.push({ kind: 'Secret', name: asString(secret?.secretName)!, optional: isOptional(secret), usage: { how: 'volume', volume: volumeName } });
    }
    if (asString(claim?.claimName)) {
      refs.push({ kind: 'PersistentVolumeClaim', name: asString(claim?.claimName)!, optional: false, usage: { how: 'volume', volume: volumeName } });
    }
    for (const source of asRecords(asRecord(volume.projected)?.sources)) {
      for (const [field, kind] of [['configMap', 'ConfigMap'], ['secret', 'Secret']] as const) {
        const ref = asRecord(source[field]);
        const target = asString(ref?.name);
        if (target) refs.push({ kind, name: target, optional: isOptional(ref), usage: { how: 'projected', volume: volumeName } });
      }
    }
  }
  for (const pull of asRecords(spec.imagePullSecrets)) {
    const name = asString(pull.name);
    if (name) refs.push({ kind: 'Secret', name, optional: false, usage: { how: 'imagePull' } });
  }
  return refs;
}

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

function missing(workload: Resource, kind: TargetKind, name: string, usages: Usage[]): Finding {
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
  );
}

function resolveTarget(
  env: Environment,
  producers: Map<string, SecretProducer>,
  kind: TargetKind,
  namespace: string | undefined,
  name: string,
): { key: string; exists: boolean; detail: Record<string, string> } {
  if (kind === 'Secret') {
    const secret = resolveSecret(env, producers, namespace, name);
    return { key: secret.key, exists: secret.exists, detail: producerDetail(secret) };
  }
  const key = keyIn(env, '', kind, namespace, name);
  const builtIn = kind === 'ConfigMap' && BUILT_IN_CONFIGMAPS.has(name);
  return { key, exists: env.byKey.has(key) || builtIn, detail: {} };
}

function claimTemplateRelations(env: Environment, workload: Resource): Relation[] {
  if (workload.id.kind !== 'StatefulSet') return [];
  return asRecords(specOf(workload).volumeClaimTemplates).flatMap((template) => {
    const name = asString(asRecord(template.metadata)?.name);
    if (!name) return [];
    // Kubernetes names each replica's claim <template>-<statefulset>-<ordinal>; the key names the family.
    const key = keyIn(env, '', 'PersistentVolumeClaim', workload.id.namespace, `${name}-${workload.id.name}`);
    const detail: Record<string, string> = { volumeClaimTemplate: name };
    const spec = asRecord(template.spec);
    const size = asString(asRecord(asRecord(spec?.resources)?.requests)?.storage);
    if (size) detail.size = size;
    return [edge(env, 'uses-pvc', workload, key, `crée un PVC par réplica depuis le modèle ${name}`, detail)];
  });
}

function serviceAccountRelation(env: Environment, workload: Resource, spec: PodSpec): Relation[] {
  const name = asString(spec.serviceAccountName) ?? asString(spec.serviceAccount);
  if (!name) return [];
  const key = keyIn(env, '', 'ServiceAccount', workload.id.namespace, name);
  return [edge(env, 'uses-service-account', workload, key, `s’exécute avec le ServiceAccount ${name}`)];
}

export function workloadConfigUses(env: Environment): RelationResult {
  const result: RelationResult = { relations: [], findings: [] };
  const producers = secretProducers(env);
  for (const workload of env.resources.filter(isWorkload)) {
    const spec = podTemplateOf(workload.object)!.spec;
    const grouped = new Map<string, Reference[]>();
    for (const ref of referencesOf(spec)) {
      const id = `${ref.kind}/${ref.name}`;
      grouped.set(id, [...(grouped.get(id) ?? []), ref]);
    }
    for (const refs of grouped.values()) {
      const { kind, name } = refs[0];
      const usages = refs.map((r) => r.usage);
      const target = resolveTarget(env, producers, kind, workload.id.namespace, name);
      const optional = refs.every((r) => r.optional);
      if (!target.exists && !optional) {
        result.findings.push(missing(workload, kind, name, usages));
        continue;
      }
      const detail = { ...target.detail, ...(optional ? { optional: 'true' } : {}) };
      result.relations.push(edge(env, RELATION_OF[kind], workload, target.key, reasonFor(kind, name, usages), detail));
    }
    result.relations.push(...claimTemplateRelations(env, workload), ...serviceAccountRelation(env, workload, spec));
  }
  return result;
}
