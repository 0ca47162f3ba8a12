// CloudNativePG: ScheduledBackup / Backup → Cluster, Cluster → the Secrets it produces, and workload → Cluster when
// the workload's environment names one of the cluster's services (<cluster>-rw, -ro, -r) or reads its Secrets.
import type { Environment, Finding, Relation, Resource } from '../model.ts';
import { isWorkload, podTemplateOf, type PodSpec } from '../workloads.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { capitalize, joinFrench } from '../french.ts';
import { containersIn, describe, edge, finding, findResource, keyIn, resourcesOfKind } from './common.ts';
import { cnpgSecretNames } from './secret-producers.ts';

const CNPG = 'postgresql.cnpg.io';
const SERVICE_SUFFIXES = ['rw', 'ro', 'r'] as const;

function backupEdges(env: Environment, findings: Finding[]): Relation[] {
  const backups = [...resourcesOfKind(env, 'ScheduledBackup', [CNPG]), ...resourcesOfKind(env, 'Backup', [CNPG])];
  return backups.flatMap((backup) => {
    const spec = specOf(backup);
    const name = asString(asRecord(spec.cluster)?.name);
    if (!name) return [];
    const cluster = findResource(env, 'Cluster', backup.id.namespace, name, [CNPG]);
    if (!cluster) {
      findings.push(
        finding(
          backup,
          'FFE-E-CNPG-CLUSTER-MISSING',
          'error',
          `${capitalize(describe(backup))} sauvegarde le cluster PostgreSQL ${name}, qui n’existe pas dans le namespace.`,
          `Corrigez spec.cluster.name ou ajoutez le Cluster ${name}.`,
        ),
      );
      return [];
    }
    const schedule = asString(spec.schedule);
    const when = schedule ? ` (planification « ${schedule} »)` : '';
    return [edge(env, 'backs-up', backup, cluster.key, `sauvegarde le cluster PostgreSQL ${name}${when}`, schedule ? { schedule } : {})];
  });
}

function producedSecretEdges(env: Environment, cluster: Resource): Relation[] {
  const names = cnpgSecretNames(cluster).filter((n) => !n.endsWith('-superuser') || specOf(cluster).enableSuperuserAccess === true);
  return names.map((name) =>
    edge(env, 'produces-secret', cluster, keyIn(env, '', 'Secret', cluster.id.namespace, name), `produit le Secret ${name} (identifiants ${name.endsWith('-app') ? 'de l’application' : 'du superutilisateur'})`),
  );
}

/** Strings a pod can read, with the variable holding each: literal env values and ConfigMap data loaded into env. */
function environmentStrings(env: Environment, workload: Resource, spec: PodSpec): { text: string; where: string }[] {
  const strings: { text: string; where: string }[] = [];
  const configMapData = (name: string | undefined) =>
    (asRecord(findResource(env, 'ConfigMap', workload.id.namespace, name ?? '', [''])?.object.data) ?? {}) as Record<string, unknown>;
  for (const container of containersIn(spec)) {
    for (const variable of asRecords(container.env)) {
      const name = asString(variable.name) ?? '?';
      const value = asString(variable.value);
      if (value) strings.push({ text: value, where: name });
      const ref = asRecord(asRecord(variable.valueFrom)?.configMapKeyRef);
      const data = ref ? asString(configMapData(asString(ref.name))[asString(ref.key) ?? '']) : undefined;
      if (data) strings.push({ text: data, where: name });
    }
    for (const source of asRecords(container.envFrom)) {
      const ref = asRecord(source.configMapRef);
      if (!ref) continue;
      for (const [key, value] of Object.entries(configMapData(asString(ref.name)))) {
        if (typeof value === 'string') strings.push({ text: value, where: key });
      }
    }
  }
  return strings;
}

function secretNamesRead(spec: PodSpec): string[] {
  const names: string[] = [];
  for (const container of containersIn(spec)) {
    for (const variable of asRecords(container.env)) names.push(asString(asRecord(asRecord(variable.valueFrom)?.secretKeyRef)?.name) ?? '');
    for (const source of asRecords(container.envFrom)) names.push(asString(asRecord(source.secretRef)?.name) ?? '');
  }
  for (const volume of asRecords(spec.volumes)) {
    names.push(asString(asRecord(volume.secret)?.secretName) ?? '');
    for (const source of asRecords(asRecord(volume.projected)?.sources)) names.push(asString(asRecord(source.secret)?.name) ?? '');
  }
  return names.filter((n) => n !== '');
}

/** Service hosts of `cluster` named in `text`: « app-rw », « app-ro.db », « app-rw.db.svc.cluster.local:5432 ». */
function hostsIn(text: string, cluster: Resource, workloadNamespace: string | undefined): string[] {
  const found: string[] = [];
  const name = cluster.id.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![A-Za-z0-9-])${name}-(${SERVICE_SUFFIXES.join('|')})(?:\\.([a-z0-9-]+))?(?![A-Za-z0-9-])`, 'g');
  for (const match of text.matchAll(pattern)) {
    const namespace = match[2] && match[2] !== 'svc' ? match[2] : workloadNamespace;
    if (namespace === cluster.id.namespace) found.push(`${cluster.id.name}-${match[1]}`);
  }
  return found;
}

function databaseUse(env: Environment, workload: Resource, cluster: Resource, spec: PodSpec): Relation | undefined {
  const hosts = new Map<string, string[]>();
  for (const { text, where } of environmentStrings(env, workload, spec)) {
    for (const host of hostsIn(text, cluster, workload.id.namespace)) hosts.set(host, [...(hosts.get(host) ?? []), where]);
  }
  const secrets =
    workload.id.namespace === cluster.id.namespace ? [...new Set(secretNamesRead(spec).filter((n) => cnpgSecretNames(cluster).includes(n)))] : [];
  if (hosts.size === 0 && secrets.length === 0) return undefined;
  const evidence = [
    ...[...hosts].map(([host, where]) => {
      const variables = [...new Set(where)];
      return `l’hôte ${host} (${variables.length === 1 ? 'variable' : 'variables'} ${joinFrench(variables)})`;
    }),
    ...secrets.map((s) => `le Secret ${s}`),
  ];
  const detail: Record<string, string> = {};
  if (hosts.size > 0) detail.services = [...hosts.keys()].join(', ');
  if (secrets.length > 0) detail.secrets = secrets.join(', ');
  return edge(env, 'uses-database', workload, cluster.key, `utilise le cluster PostgreSQL ${cluster.id.name} via ${joinFrench(evidence)}`, detail);
}

export function cnpgEdges(env: Environment): RelationResult {
  const findings: Finding[] = [];
  const clusters = resourcesOfKind(env, 'Cluster', [CNPG]);
  const relations = [...backupEdges(env, findings), ...clusters.flatMap((c) => producedSecretEdges(env, c))];
  for (const workload of env.resources.filter(isWorkload)) {
    const spec = podTemplateOf(workload.object)!.spec;
    for (const cluster of clusters) {
      const use = databaseUse(env, workload, cluster, spec);
      if (use) relations.push(use);
    }
  }
  return { relations, findings };
}
