// Storage of an environment: volumes, StatefulSet volume templates and PostgreSQL clusters, who uses them and how
// they are backed up.
import type { Model, Resource } from '../../infra/model.ts';
import { asRecord, asRecords, asString, specOf } from '../../infra/fields.ts';
import { resourcesOfKind } from '../../infra/relations/common.ts';
import { backupDestination, k8upVolumes } from '../backups.ts';
import { compareText, envContext, into } from '../context.ts';
import { kindLabel } from '../labels.ts';
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

function scheduleOf(resource: Resource): string | undefined {
  const spec = specOf(resource);
  if (resource.id.kind === 'Schedule') return asString(asRecord(spec.backup)?.schedule);
  return asString(spec.schedule);
}

export function storageRows(model: Model, envName: string): StorageRow[] {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const rows: StorageRow[] = [];
  const k8up = resourcesOfKind(env, 'Schedule', ['k8up.io']);
  for (const pvc of resourcesOfKind(env, 'PersistentVolumeClaim', [''])) {
    const spec = specOf(pvc);
    const backups = k8up
      .filter((s) => k8upVolumes(ctx, s).some((p) => p.key === pvc.key))
      .map((s) => ({ schedule: describeCron(scheduleOf(s) ?? '').text, by: resourceLink(ctx, s.key), ...(backupDestination(s) ? { destination: backupDestination(s) } : {}) }));
    rows.push({
      resource: resourceLink(ctx, pvc.key),
      type: kindLabel('PersistentVolumeClaim'),
      ...(pvc.id.namespace ? { namespace: pvc.id.namespace } : {}),
      ...(asString(asRecord(asRecord(spec.resources)?.requests)?.storage) ? { size: asString(asRecord(asRecord(spec.resources)?.requests)?.storage) } : {}),
      ...(asString(spec.storageClassName) ? { storageClass: asString(spec.storageClassName) } : {}),
      accessModes: Array.isArray(spec.accessModes) ? spec.accessModes.map(String) : [],
      usedBy: into(ctx, pvc.key, 'uses-pvc').map((r) => resourceLink(ctx, r.from)),
      backups,
      source: sourceLink(pvc.source),
    });
  }
  for (const sts of resourcesOfKind(env, 'StatefulSet', ['apps'])) {
    for (const template of asRecords(specOf(sts).volumeClaimTemplates)) {
      const name = asString(asRecord(template.metadata)?.name);
      if (!name) continue;
      const spec = asRecord(template.spec) ?? {};
      rows.push({
        resource: { ...resourceLink(ctx, sts.key), label: `${name} (modèle du StatefulSet ${sts.id.name})` },
        type: 'Modèle de volume de StatefulSet',
        ...(sts.id.namespace ? { namespace: sts.id.namespace } : {}),
        ...(asString(asRecord(asRecord(spec.resources)?.requests)?.storage) ? { size: asString(asRecord(asRecord(spec.resources)?.requests)?.storage) } : {}),
        ...(asString(spec.storageClassName) ? { storageClass: asString(spec.storageClassName) } : {}),
        accessModes: Array.isArray(spec.accessModes) ? spec.accessModes.map(String) : [],
        usedBy: [resourceLink(ctx, sts.key)],
        backups: [],
        source: sourceLink(sts.source),
      });
    }
  }
  for (const cluster of resourcesOfKind(env, 'Cluster', ['postgresql.cnpg.io'])) {
    const storage = asRecord(specOf(cluster).storage) ?? {};
    const store = backupDestination(cluster);
    const backups = into(ctx, cluster.key, 'backs-up').map((rel) => {
      const backup = env.byKey.get(rel.from);
      const objectStore = asRecords(specOf(cluster).plugins)
        .map((p) => asString(asRecord(p.parameters)?.barmanObjectName))
        .find((n): n is string => n !== undefined);
      const storeResource = objectStore
        ? (env.byKind.get('ObjectStore') ?? []).find((o) => o.id.namespace === cluster.id.namespace && o.id.name === objectStore)
        : undefined;
      const destination = (storeResource && backupDestination(storeResource)) ?? store;
      return {
        schedule: backup ? describeCron(scheduleOf(backup) ?? '').text : 'inconnu',
        by: resourceLink(ctx, rel.from),
        ...(destination ? { destination } : {}),
      };
    });
    rows.push({
      resource: resourceLink(ctx, cluster.key),
      type: kindLabel('Cluster'),
      ...(cluster.id.namespace ? { namespace: cluster.id.namespace } : {}),
      ...(asString(storage.size) ? { size: asString(storage.size) } : {}),
      ...(asString(storage.storageClass) ? { storageClass: asString(storage.storageClass) } : {}),
      accessModes: [],
      usedBy: into(ctx, cluster.key, 'uses-database').map((r) => resourceLink(ctx, r.from)),
      backups,
      source: sourceLink(cluster.source),
    });
  }
  return rows.sort((a, b) => compareText(a.namespace ?? '', b.namespace ?? '') || compareText(a.resource.label, b.resource.label));
}
