// CloudNativePG: ScheduledBackup / Backup → Cluster, Cluster → the Secrets it produces, and workload → Cluster when
// the workload's environment names one of the cluster's services (<cluster>-rw, -ro, -r) or reads its Secrets.
import { capitalize, joinFrench } from '../french.ts';
import type { RelationBuilder } from '../kinds/entry.ts';
import { backedUpCluster, CNPG, DATABASE_SERVICE_SUFFIXES, databaseClusterOf, databaseSecretNames } from '../kinds/postgres.ts';
import { configMapDataOf } from '../kinds/config.ts';
import { workloadOf } from '../kinds/readers.ts';
import { podReferencesOf, type Workload } from '../kinds/workloads.ts';
import { perEnvironment, type Environment, type Relation, type Resource } from '../model.ts';
import { describe, edge, finding, findResource, keyIn, workloadsOf } from './common.ts';

export const backupEdges: RelationBuilder = (env, backup, entry) => {
  const name = backedUpCluster(backup.object);
  if (!name) return { relations: [], findings: [] };
  const cluster = findResource(env, 'Cluster', backup.id.namespace, name, [CNPG]);
  if (!cluster) {
    return {
      relations: [],
      findings: [
        finding(
          backup,
          'FFE-E-CNPG-CLUSTER-MISSING',
          'error',
          `${capitalize(describe(backup))} sauvegarde le cluster PostgreSQL ${name}, qui n’existe pas dans le namespace.`,
          `Corrigez spec.cluster.name ou ajoutez le Cluster ${name}.`,
        ),
      ],
    };
  }
  const schedule = entry.schedules?.(backup.object).find((s) => s.expression !== '')?.expression;
  const when = schedule ? ` (planification « ${schedule} »)` : '';
  return {
    relations: [edge(env, 'backs-up', backup, cluster.key, `sauvegarde le cluster PostgreSQL ${name}${when}`, schedule ? { schedule } : {})],
    findings: [],
  };
};

function producedSecretEdges(env: Environment, cluster: Resource): Relation[] {
  const { app, superuser } = databaseSecretNames(cluster.id.name);
  const names = databaseClusterOf(cluster.object).superuserAccess ? [app, superuser] : [app];
  return names.map((name) =>
    edge(env, 'produces-secret', cluster, keyIn(env, '', 'Secret', cluster.id.namespace, name), `produit le Secret ${name} (identifiants ${name === app ? 'de l’application' : 'du superutilisateur'})`),
  );
}

/** Strings a pod can read, with the variable holding each: literal env values and ConfigMap data loaded into env. */
function environmentStrings(env: Environment, workload: Resource, facts: Workload): { text: string; where: string }[] {
  const strings: { text: string; where: string }[] = [];
  const configMapData = (name: string): Record<string, string> => {
    const configMap = findResource(env, 'ConfigMap', workload.id.namespace, name, ['']);
    return configMap ? configMapDataOf(configMap.object) : {};
  };
  for (const container of facts.containers) {
    for (const variable of container.env) {
      const name = variable.name ?? '?';
      if (variable.value) strings.push({ text: variable.value, where: name });
      const ref = variable.from?.kind === 'ConfigMap' ? variable.from : undefined;
      const data = ref ? configMapData(ref.name)[ref.key ?? ''] : undefined;
      if (data) strings.push({ text: data, where: name });
    }
    for (const source of container.envFrom) {
      if (source.kind !== 'ConfigMap') continue;
      for (const [key, value] of Object.entries(configMapData(source.name))) strings.push({ text: value, where: key });
    }
  }
  return strings;
}

/** Secrets a pod reads its environment or files from (image pull secrets are not data the application reads). */
function secretNamesRead(facts: Workload, object: Resource['object']): string[] {
  return podReferencesOf(facts, object)
    .filter((r) => r.kind === 'Secret' && r.usage.how !== 'imagePull')
    .map((r) => r.name);
}

/** Service hosts of `cluster` named in `text`: « app-rw », « app-ro.db », « app-rw.db.svc.cluster.local:5432 ». */
function hostsIn(text: string, cluster: Resource, workloadNamespace: string | undefined): string[] {
  const found: string[] = [];
  const name = cluster.id.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`(?<![A-Za-z0-9-])${name}-(${DATABASE_SERVICE_SUFFIXES.join('|')})(?:\\.([a-z0-9-]+))?(?![A-Za-z0-9-])`, 'g');
  for (const match of text.matchAll(pattern)) {
    const namespace = match[2] && match[2] !== 'svc' ? match[2] : workloadNamespace;
    if (namespace === cluster.id.namespace) found.push(`${cluster.id.name}-${match[1]}`);
  }
  return found;
}

/** What each workload's pods read, once per environment: every Cluster looks for its own names in it. */
const podReads = perEnvironment((env) =>
  workloadsOf(env).flatMap((workload) => {
    const facts = workloadOf(workload);
    return facts ? [{ workload, strings: environmentStrings(env, workload, facts), secrets: secretNamesRead(facts, workload.object) }] : [];
  }),
);

type PodReads = ReturnType<typeof podReads>[number];

function databaseUse(env: Environment, { workload, strings, secrets: read }: PodReads, cluster: Resource): Relation | undefined {
  const hosts = new Map<string, string[]>();
  for (const { text, where } of strings) {
    for (const host of hostsIn(text, cluster, workload.id.namespace)) hosts.set(host, [...(hosts.get(host) ?? []), where]);
  }
  const clusterSecrets = Object.values(databaseSecretNames(cluster.id.name));
  const secrets =
    workload.id.namespace === cluster.id.namespace ? [...new Set(read.filter((n) => clusterSecrets.includes(n)))] : [];
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

/** A database Cluster → the Secrets it produces, and every workload that uses it → the Cluster. */
export const databaseClusterEdges: RelationBuilder = (env, cluster) => {
  const relations = producedSecretEdges(env, cluster);
  for (const reads of podReads(env)) {
    const use = databaseUse(env, reads, cluster);
    if (use) relations.push(use);
  }
  return { relations, findings: [] };
};
