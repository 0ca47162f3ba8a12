// Storage of an environment: volumes, StatefulSet volume templates and PostgreSQL clusters, who uses them and how
// they are backed up.
import {
  backupDestinationOf,
  claimOf,
  claimTemplatesOf,
  CNPG,
  compareText,
  databaseClusterOf,
  kindLabel,
  resourcesOfKind,
  schedulesOf,
  type Resource,
  type Model,
} from '../../infra/index.ts';
import { clusterObjectStore, k8upVolumes } from '../backups.ts';
import { envContext, into } from '../context.ts';
import { resourceLink, sourceLink, type ResourceLink, type SourceLink } from '../links.ts';
import { describeCron } from '../schedule.ts';

export interface BackupInfo {
  /** « À 02:15, tous les jours » */
  schedule: string;
  by: ResourceLink;
  destination?: string;
}

export interface StorageRow {
  resource: ResourceLink;
  /** « Volume (PVC) », « Modèle de volume de StatefulSet », « Cluster PostgreSQL ». */
  type: string;
  namespace?: string;
  size?: string;
  storageClass?: string;
  accessModes: string[];
  usedBy: ResourceLink[];
  backups: BackupInfo[];
  source: SourceLink;
}

/** « À 02:15, tous les jours » for the backups a resource runs on a schedule (an unreadable or missing one says so). */
function backupScheduleOf(resource: Resource | undefined): string {
  if (!resource) return 'inconnu';
  const schedule = schedulesOf(resource).find((s) => s.task === 'volume-backup' || s.task === 'database-backup');
  return describeCron(schedule?.expression ?? '').text;
}

export function storageRows(model: Model, envName: string): StorageRow[] {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const rows: StorageRow[] = [];
  const k8up = resourcesOfKind(env, 'Schedule', ['k8up.io']);
  for (const pvc of resourcesOfKind(env, 'PersistentVolumeClaim', [''])) {
    const claim = claimOf(pvc.object);
    const backups = k8up
      .filter((s) => k8upVolumes(ctx, s).some((p) => p.key === pvc.key))
      .map((s) => {
        const destination = backupDestinationOf(s);
        return { schedule: backupScheduleOf(s), by: resourceLink(ctx, s.key), ...(destination ? { destination } : {}) };
      });
    rows.push({
      resource: resourceLink(ctx, pvc.key),
      type: kindLabel(pvc.id),
      ...(pvc.id.namespace ? { namespace: pvc.id.namespace } : {}),
      ...(claim.size ? { size: claim.size } : {}),
      ...(claim.storageClass ? { storageClass: claim.storageClass } : {}),
      accessModes: claim.accessModes,
      usedBy: into(ctx, pvc.key, 'uses-pvc').map((r) => resourceLink(ctx, r.from)),
      backups,
      source: sourceLink(pvc.source),
    });
  }
  for (const sts of resourcesOfKind(env, 'StatefulSet', ['apps'])) {
    for (const template of claimTemplatesOf(sts.object)) {
      rows.push({
        resource: { ...resourceLink(ctx, sts.key), label: `${template.name} (modèle du StatefulSet ${sts.id.name})` },
        type: 'Modèle de volume de StatefulSet',
        ...(sts.id.namespace ? { namespace: sts.id.namespace } : {}),
        ...(template.size ? { size: template.size } : {}),
        ...(template.storageClass ? { storageClass: template.storageClass } : {}),
        accessModes: template.accessModes,
        usedBy: [resourceLink(ctx, sts.key)],
        backups: [],
        source: sourceLink(sts.source),
      });
    }
  }
  for (const cluster of resourcesOfKind(env, 'Cluster', [CNPG])) {
    const facts = databaseClusterOf(cluster.object);
    // Backups go to the ObjectStore the cluster archives to, else to its in-tree object store.
    const storeKey = clusterObjectStore(ctx, cluster);
    const store = storeKey ? env.byKey.get(storeKey) : undefined;
    const destination = (store && backupDestinationOf(store)) ?? backupDestinationOf(cluster);
    const backups = into(ctx, cluster.key, 'backs-up').map((rel) => ({
      schedule: backupScheduleOf(env.byKey.get(rel.from)),
      by: resourceLink(ctx, rel.from),
      ...(destination ? { destination } : {}),
    }));
    rows.push({
      resource: resourceLink(ctx, cluster.key),
      type: kindLabel(cluster.id),
      ...(cluster.id.namespace ? { namespace: cluster.id.namespace } : {}),
      ...(facts.storage.size ? { size: facts.storage.size } : {}),
      ...(facts.storage.storageClass ? { storageClass: facts.storage.storageClass } : {}),
      accessModes: [],
      usedBy: into(ctx, cluster.key, 'uses-database').map((r) => resourceLink(ctx, r.from)),
      backups,
      source: sourceLink(cluster.source),
    });
  }
  return rows.sort((a, b) => compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.resource.label, b.resource.label));
}
