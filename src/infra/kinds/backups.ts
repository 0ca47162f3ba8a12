// Backups that leave the cluster: where each kind sends them (the registry's `backupDestination` parser), and which
// volumes k8up saves. The data diagram, the storage table and the restore how-to tell the same story from here.
import { asRecord, asString } from '../fields.ts';
import type { KubeObject, Resource } from '../model.ts';
import { databaseClusterOf } from './postgres.ts';

export const K8UP = 'k8up.io';
/** The annotation k8up reads on a PersistentVolumeClaim: `"true"` puts the volume in its namespace's backups. */
export const K8UP_BACKUP_ANNOTATION = 'k8up.io/backup';

/** A k8up Schedule's backend: `endpoint/bucket` for S3, else the backend's type (`local`, `rest`…). */
export function k8upDestination(schedule: KubeObject): string | undefined {
  const backend = asRecord(asRecord(schedule.spec)?.backend) ?? {};
  const s3 = asRecord(backend.s3);
  if (s3) return `${asString(s3.endpoint) ?? 's3'}/${asString(s3.bucket) ?? ''}`;
  return Object.keys(backend).find((k) => !k.endsWith('SecretRef'));
}

/** A CloudNativePG Cluster's in-tree backups (`spec.backup.barmanObjectStore`). */
export function databaseClusterDestination(cluster: KubeObject): string | undefined {
  return databaseClusterOf(cluster).backupDestination;
}

/** A volume k8up backs up: annotated `k8up.io/backup: "true"` (k8up saves the annotated claims of its namespace). */
export function isBackedUpByK8up(claim: Resource): boolean {
  return claim.annotations[K8UP_BACKUP_ANNOTATION] === 'true';
}

/** A k8up Schedule's `spec.backend` as written: a Restore of the same repository repeats it. */
export function k8upBackend(schedule: KubeObject): unknown {
  return asRecord(schedule.spec)?.backend;
}
