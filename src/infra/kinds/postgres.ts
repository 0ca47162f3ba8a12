// CloudNativePG: a database Cluster (what it runs, where it stores and archives), its backups, and the names the
// operator derives from it (Secrets, Services).
import { asRecord, asRecords, asString } from '../fields.ts';
import type { KubeObject } from '../model.ts';
import { computeResourcesOf, countOr, type Pods } from './workloads.ts';

export const CNPG = 'postgresql.cnpg.io';
export const BARMAN_CLOUD = 'barmancloud.cnpg.io';

/** The Services the operator creates for a Cluster: `<cluster>-rw`, `-ro` and `-r`. */
export const DATABASE_SERVICE_SUFFIXES = ['rw', 'ro', 'r'] as const;

export interface DatabaseCluster {
  name: string;
  /** `spec.instances`, the operator's default being 1. */
  instances: number;
  imageName?: string;
  storage: { size?: string; storageClass?: string };
  /** The ObjectStore it archives to through the Barman Cloud plugin. */
  objectStore?: string;
  /** Where in-tree backups go (`spec.backup.barmanObjectStore.destinationPath`). */
  backupDestination?: string;
  /** `spec.enableSuperuserAccess`: only then does the operator make the superuser Secret. */
  superuserAccess: boolean;
  /** `spec.storage` as written, for a recovery to ask for the same volumes. */
  storageSpec?: Record<string, unknown>;
  /** The database `spec.bootstrap.initdb` created: its name, owner, and the Secret holding the owner's password. */
  initdb?: { database?: string; owner?: string; secret?: string };
}

export function databaseClusterOf(object: KubeObject): DatabaseCluster {
  const spec = asRecord(object.spec) ?? {};
  const storage = asRecord(spec.storage) ?? {};
  const size = asString(storage.size);
  const storageClass = asString(storage.storageClass);
  const imageName = asString(spec.imageName);
  const objectStore = asRecords(spec.plugins)
    .map((p) => asString(asRecord(p.parameters)?.barmanObjectName))
    .find((n): n is string => n !== undefined);
  const backupDestination = asString(asRecord(asRecord(spec.backup)?.barmanObjectStore)?.destinationPath);
  const initdb = asRecord(asRecord(spec.bootstrap)?.initdb);
  const database = asString(initdb?.database);
  const owner = asString(initdb?.owner);
  const secret = asString(asRecord(initdb?.secret)?.name);
  return {
    name: String(object.metadata?.name ?? ''),
    instances: countOr(spec.instances, 1),
    ...(imageName ? { imageName } : {}),
    storage: { ...(size ? { size } : {}), ...(storageClass ? { storageClass } : {}) },
    ...(objectStore ? { objectStore } : {}),
    ...(backupDestination ? { backupDestination } : {}),
    superuserAccess: spec.enableSuperuserAccess === true,
    ...(asRecord(spec.storage) ? { storageSpec: asRecord(spec.storage) } : {}),
    ...(initdb ? { initdb: { ...(database ? { database } : {}), ...(owner ? { owner } : {}), ...(secret ? { secret } : {}) } } : {}),
  };
}

/** The registry's `pods` parser for a Cluster: its instances run the operator's `postgres` container. */
export function databaseClusterPods(object: KubeObject): Pods {
  const cluster = databaseClusterOf(object);
  const resources = asRecord(object.spec)?.resources;
  return {
    containers: [
      {
        name: 'postgres',
        ...(cluster.imageName ? { image: cluster.imageName } : {}),
        init: false,
        implicit: true,
        ports: [],
        requests: computeResourcesOf(resources, 'requests'),
        limits: computeResourcesOf(resources, 'limits'),
        env: [],
        envFrom: [],
      },
    ],
    replicas: { by: 'instances', count: cluster.instances },
  };
}

/** The Secrets the operator makes for a Cluster: the application's credentials, and the superuser's. */
export function databaseSecretNames(clusterName: string): { app: string; superuser: string } {
  return { app: `${clusterName}-app`, superuser: `${clusterName}-superuser` };
}

/** The Cluster a ScheduledBackup or a Backup saves (`spec.cluster.name`). */
export function backedUpCluster(backup: KubeObject): string | undefined {
  return asString(asRecord(asRecord(backup.spec)?.cluster)?.name);
}

/** Where an ObjectStore sends what it archives. */
export function objectStoreDestination(store: KubeObject): string | undefined {
  return asString(asRecord(asRecord(store.spec)?.configuration)?.destinationPath);
}
