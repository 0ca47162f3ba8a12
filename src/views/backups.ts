// Where backups go and what they cover, read from CloudNativePG and k8up resources: shared by the data diagram and
// the storage table so both tell the same story.
import { resourceKey, type Resource } from '../infra/model.ts';
import { asRecord, asRecords, asString, specOf } from '../infra/fields.ts';
import type { EnvContext } from './context.ts';

/** Where backups leave the cluster: CNPG ObjectStore / barmanObjectStore, k8up Schedule backend. */
export function backupDestination(resource: Resource): string | undefined {
  const spec = specOf(resource);
  if (resource.id.kind === 'ObjectStore') return asString(asRecord(spec.configuration)?.destinationPath);
  if (resource.id.kind === 'Cluster') return asString(asRecord(asRecord(spec.backup)?.barmanObjectStore)?.destinationPath);
  if (resource.id.kind === 'Schedule' && resource.id.group === 'k8up.io') {
    const s3 = asRecord(asRecord(spec.backend)?.s3);
    if (s3) return `${asString(s3.endpoint) ?? 's3'}/${asString(s3.bucket) ?? ''}`;
    const backend = asRecord(spec.backend) ?? {};
    const first = Object.keys(backend).find((k) => !k.endsWith('SecretRef'));
    return first ? `${first}` : undefined;
  }
  return undefined;
}

/** The ObjectStore a CNPG Cluster archives to through the Barman Cloud plugin. */
export function clusterObjectStore(ctx: EnvContext, cluster: Resource): string | undefined {
  for (const plugin of asRecords(specOf(cluster).plugins)) {
    const name = asString(asRecord(plugin.parameters)?.barmanObjectName);
    if (name) return resourceKey({ env: ctx.env.name, group: 'barmancloud.cnpg.io', kind: 'ObjectStore', namespace: cluster.id.namespace, name });
  }
  return undefined;
}

/** PVCs a k8up Schedule backs up: those of its namespace annotated `k8up.io/backup: "true"`. */
export function k8upVolumes(ctx: EnvContext, schedule: Resource): Resource[] {
  return (ctx.env.byKind.get('PersistentVolumeClaim') ?? []).filter(
    (p) => p.id.namespace === schedule.id.namespace && p.annotations['k8up.io/backup'] === 'true',
  );
}
