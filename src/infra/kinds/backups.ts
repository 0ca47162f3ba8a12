// Backups that leave the cluster: where each kind sends them (the registry's `backupDestination` parser), which
// volumes k8up saves, and the Secrets its backends read. The data diagram, the storage table and the restore how-to
// tell the same story from here.
import type { KubeObject, Resource } from '../model.ts';
import { Field, pathText } from './located.ts';
import { databaseClusterOf } from './postgres.ts';
import { fieldsNamed, ReferenceCollector, type SecretReference } from './secret-references.ts';

export const K8UP = 'k8up.io';
/** The annotation k8up reads on a PersistentVolumeClaim: `"true"` puts the volume in its namespace's backups. */
export const K8UP_BACKUP_ANNOTATION = 'k8up.io/backup';

/** A k8up Schedule's backend: `endpoint/bucket` for S3, else the backend's type (`local`, `rest`…). */
export function k8upDestination(schedule: KubeObject): string | undefined {
  const backend = Field.of(schedule).at('spec', 'backend');
  const s3 = backend.at('s3');
  if (s3.record()) return `${s3.at('endpoint').string() ?? 's3'}/${s3.at('bucket').string() ?? ''}`;
  return Object.keys(backend.record() ?? {}).find((k) => !k.endsWith('SecretRef'));
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
  return Field.of(schedule).at('spec', 'backend').value;
}

/** k8up names its references `…SecretRef` (and, in the REST backend, `passwordSecretReg`). */
const K8UP_PURPOSES: Record<string, string> = {
  repoPasswordSecretRef: 'le mot de passe du dépôt restic',
  accessKeyIDSecretRef: 'l’identifiant de la clé d’accès S3',
  secretAccessKeySecretRef: 'la clé d’accès secrète S3',
  accountNameSecretRef: 'le nom du compte de stockage',
  accountKeySecretRef: 'la clé du compte de stockage',
  accountIDSecretRef: 'l’identifiant du compte de stockage',
  projectIDSecretRef: 'l’identifiant du projet Google Cloud',
  accessTokenSecretRef: 'le jeton d’accès Google Cloud',
  userSecretRef: 'l’utilisateur du serveur REST',
  passwordSecretReg: 'le mot de passe du serveur REST',
};

/** The registry's `secretReferences` parser of k8up's kinds: every `…SecretRef` of their backends, wherever written. */
export function k8upSecretReferences(object: KubeObject, namespace: string | undefined): SecretReference[] {
  const c = new ReferenceCollector(namespace);
  for (const { key, field } of fieldsNamed(Field.of(object).at('spec'), (k) => /Secret(Ref|Reg)$/.test(k))) {
    c.ref(field, K8UP_PURPOSES[key] ?? `la référence ${pathText(field.path)}`);
  }
  return c.refs;
}
