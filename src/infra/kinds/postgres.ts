// CloudNativePG: a database Cluster (what it runs, where it stores and archives, the Secrets its operator reads and
// makes), its backups, and the names the operator derives from it (Secrets, Services); Barman Cloud object stores.
import type { FieldPath, KubeObject, Resource } from '../model.ts';
import { Field } from './located.ts';
import { ReferenceCollector, type ProducedSecret, type SecretReference } from './secret-references.ts';
import type { StorageRequest } from './storage.ts';
import { computeResourcesOf, countAt, type Pods } from './workloads.ts';

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
  /** `spec.walStorage.size`: a separate volume for the write-ahead log, when written. */
  walStorageSize?: string;
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
  at: { instances?: FieldPath; instancesField: FieldPath; imageName: FieldPath; storageSize: FieldPath; walStorageSize: FieldPath };
}

export function databaseClusterOf(object: KubeObject): DatabaseCluster {
  const spec = Field.of(object).at('spec');
  const storage = spec.at('storage');
  const size = storage.at('size').string();
  const storageClass = storage.at('storageClass').string();
  const walStorageSize = spec.at('walStorage', 'size').string();
  const imageName = spec.at('imageName').string();
  const objectStore = spec
    .at('plugins')
    .records()
    .map((p) => p.at('parameters', 'barmanObjectName').string())
    .find((n): n is string => n !== undefined);
  const backupDestination = spec.at('backup', 'barmanObjectStore', 'destinationPath').string();
  const initdb = spec.at('bootstrap', 'initdb');
  const database = initdb.at('database').string();
  const owner = initdb.at('owner').string();
  const secret = initdb.at('secret', 'name').string();
  const instances = countAt(spec.at('instances'), 1);
  return {
    name: String(object.metadata?.name ?? ''),
    instances: instances.count,
    ...(imageName ? { imageName } : {}),
    storage: { ...(size ? { size } : {}), ...(storageClass ? { storageClass } : {}) },
    ...(walStorageSize ? { walStorageSize } : {}),
    ...(objectStore ? { objectStore } : {}),
    ...(backupDestination ? { backupDestination } : {}),
    superuserAccess: spec.at('enableSuperuserAccess').value === true,
    ...(storage.record() ? { storageSpec: storage.record() } : {}),
    ...(initdb.record() ? { initdb: { ...(database ? { database } : {}), ...(owner ? { owner } : {}), ...(secret ? { secret } : {}) } } : {}),
    at: {
      ...(instances.at ? { instances: instances.at } : {}),
      instancesField: spec.at('instances').path,
      imageName: spec.at('imageName').path,
      storageSize: storage.at('size').path,
      walStorageSize: spec.at('walStorage', 'size').path,
    },
  };
}

/** The registry's `pods` parser for a Cluster: its instances run the operator's `postgres` container. */
export function databaseClusterPods(object: KubeObject): Pods {
  const cluster = databaseClusterOf(object);
  const resources = Field.of(object).at('spec', 'resources');
  return {
    containers: [
      {
        name: 'postgres',
        ...(cluster.imageName ? { image: cluster.imageName } : {}),
        init: false,
        implicit: true,
        software: 'PostgreSQL',
        ports: [],
        requests: computeResourcesOf(resources, 'requests'),
        limits: computeResourcesOf(resources, 'limits'),
        env: [],
        envFrom: [],
        at: { ...(cluster.imageName ? { image: cluster.at.imageName } : {}), ...(resources.written ? { resources: resources.path } : {}) },
      },
    ],
    replicas: { by: 'instances', count: cluster.instances, field: cluster.at.instancesField, ...(cluster.at.instances ? { at: cluster.at.instances } : {}) },
  };
}

/** The registry's `storage` parser for a Cluster: its data volume, and its write-ahead log's when apart. */
export function databaseClusterStorage(object: KubeObject): StorageRequest[] {
  const cluster = databaseClusterOf(object);
  return [
    ...(cluster.storage.size
      ? [
          {
            volume: 'data',
            title: 'volume de données',
            size: cluster.storage.size,
            ...(cluster.storage.storageClass ? { storageClass: cluster.storage.storageClass } : {}),
            at: { size: cluster.at.storageSize },
          },
        ]
      : []),
    ...(cluster.walStorageSize ? [{ volume: 'wal', title: 'volume des journaux (WAL)', size: cluster.walStorageSize, at: { size: cluster.at.walStorageSize } }] : []),
  ];
}

/** The Secrets the operator makes for a Cluster: the application's credentials, and the superuser's. */
export function databaseSecretNames(clusterName: string): { app: string; superuser: string } {
  return { app: `${clusterName}-app`, superuser: `${clusterName}-superuser` };
}

/** The registry's `producesSecrets` parser for a Cluster. */
export function databaseClusterSecrets(cluster: Resource): ProducedSecret[] {
  const how = `produit par le cluster PostgreSQL ${cluster.id.name}`;
  return Object.values(databaseSecretNames(cluster.id.name)).map((name) => ({ namespace: cluster.id.namespace, name, how }));
}

/** The Cluster a ScheduledBackup or a Backup saves (`spec.cluster.name`). */
export function backedUpCluster(backup: KubeObject): string | undefined {
  return Field.of(backup).at('spec', 'cluster', 'name').string();
}

/** Where an ObjectStore sends what it archives. */
export function objectStoreDestination(store: KubeObject): string | undefined {
  return Field.of(store).at('spec', 'configuration', 'destinationPath').string();
}

// The Secrets and ConfigMaps the operator reads ------------------------------------------------------------------------

const BARMAN_CREDENTIALS: [string, string, string][] = [
  ['s3Credentials', 'accessKeyId', 'l’identifiant de la clé d’accès S3'],
  ['s3Credentials', 'secretAccessKey', 'la clé d’accès secrète S3'],
  ['s3Credentials', 'region', 'la région S3'],
  ['s3Credentials', 'sessionToken', 'le jeton de session S3'],
  ['azureCredentials', 'connectionString', 'la chaîne de connexion Azure'],
  ['azureCredentials', 'storageAccount', 'le compte de stockage Azure'],
  ['azureCredentials', 'storageKey', 'la clé du compte de stockage Azure'],
  ['azureCredentials', 'storageSasToken', 'le jeton SAS Azure'],
  ['googleCredentials', 'applicationCredentials', 'les identifiants Google Cloud'],
];

/** A Barman object store configuration: in a Cluster's spec.backup, an external cluster, or an ObjectStore. */
function barmanStore(c: ReferenceCollector, config: Field): void {
  if (!config.record()) return;
  for (const [group, field, purpose] of BARMAN_CREDENTIALS) c.ref(config.at(group, field), purpose);
  c.ref(config.at('endpointCA'), 'l’autorité de certification du stockage objet');
}

const CNPG_CERTIFICATES: [string, string][] = [
  ['serverTLSSecret', 'le certificat TLS du serveur'],
  ['serverCASecret', 'l’autorité de certification du serveur'],
  ['clientCASecret', 'l’autorité de certification des clients'],
  ['replicationTLSSecret', 'le certificat TLS de réplication'],
];

const CNPG_SQL_REFS = ['postInitSQLRefs', 'postInitApplicationSQLRefs', 'postInitTemplateSQLRefs'];

/** The registry's `secretReferences` parser for a Cluster: credentials, certificates, backups, roles, monitoring. */
export function databaseClusterSecretReferences(object: KubeObject, namespace: string | undefined): SecretReference[] {
  const c = new ReferenceCollector(namespace);
  const spec = Field.of(object).at('spec');
  for (const method of ['initdb', 'recovery', 'pg_basebackup']) {
    const config = spec.at('bootstrap', method);
    c.ref(config.at('secret'), 'les identifiants du propriétaire de la base');
    for (const sql of CNPG_SQL_REFS) {
      for (const ref of config.at(sql, 'secretRefs').records()) c.ref(ref, 'le SQL exécuté à la création de la base');
      for (const ref of config.at(sql, 'configMapRefs').records()) c.ref(ref, 'le SQL exécuté à la création de la base', 'ConfigMap');
    }
  }
  c.ref(spec.at('superuserSecret'), 'le mot de passe du superutilisateur');
  for (const [field, purpose] of CNPG_CERTIFICATES) c.named(spec.at('certificates', field), purpose);
  barmanStore(c, spec.at('backup', 'barmanObjectStore'));
  spec
    .at('externalClusters')
    .records()
    .forEach((external) => {
      const of = `du cluster externe ${external.at('name').string() ?? external.path[external.path.length - 1]}`;
      c.ref(external.at('password'), `le mot de passe ${of}`);
      c.ref(external.at('sslCert'), `le certificat client ${of}`);
      c.ref(external.at('sslKey'), `la clé client ${of}`);
      c.ref(external.at('sslRootCert'), `l’autorité de certification ${of}`);
      barmanStore(c, external.at('barmanObjectStore'));
    });
  for (const role of spec.at('managed', 'roles').records()) {
    c.ref(role.at('passwordSecret'), `le mot de passe du rôle ${role.at('name').string() ?? role.path[role.path.length - 1]}`);
  }
  const monitoring = spec.at('monitoring');
  for (const ref of monitoring.at('customQueriesSecret').records()) c.ref(ref, 'les requêtes de supervision');
  for (const ref of monitoring.at('customQueriesConfigMap').records()) c.ref(ref, 'les requêtes de supervision', 'ConfigMap');
  for (const ref of spec.at('imagePullSecrets').records()) c.ref(ref, 'les identifiants du registre d’images');
  return c.refs;
}

/** The registry's `secretReferences` parser for a Barman Cloud ObjectStore. */
export function objectStoreSecretReferences(object: KubeObject, namespace: string | undefined): SecretReference[] {
  const c = new ReferenceCollector(namespace);
  barmanStore(c, Field.of(object).at('spec', 'configuration'));
  return c.refs;
}
