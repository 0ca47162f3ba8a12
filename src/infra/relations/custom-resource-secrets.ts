// Custom resource → the Secrets and ConfigMaps its operator reads: CloudNativePG Cluster (owner, superuser,
// certificates, backups), Barman Cloud ObjectStore, k8up backends, cert-manager issuers, Flux HelmRelease valuesFrom,
// Kustomization substituteFrom and source credentials, Traefik authentication middlewares.
// A missing target is an error unless the field is optional or something of the manifests produces the Secret
// (secret-producers.ts); the ACME account key of an issuer is produced by cert-manager, never read from the manifests.
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { capitalize, joinFrench } from '../french.ts';
import { issuerOf } from '../kinds/certificates.ts';
import type { RelationBuilder, RelationResult } from '../kinds/entry.ts';
import type { Finding, Resource } from '../model.ts';
import { describe, edge, finding, keyIn } from './common.ts';
import { certManagerNamespace, issuerSecretNamespace, resolveReference } from './secret-producers.ts';

type TargetKind = 'Secret' | 'ConfigMap';

/** One field of a custom resource naming a Secret or a ConfigMap. */
export interface CustomResourceReference {
  kind: TargetKind;
  name: string;
  namespace: string | undefined;
  /** Where it is written, e.g. `spec.bootstrap.initdb.secret`. */
  field: string;
  /** French, what the operator reads there: « les identifiants du propriétaire de la base ». */
  purpose: string;
  optional: boolean;
}

/** Collects references of one resource; every helper skips a value that is not what the API expects. */
class Collector {
  readonly refs: CustomResourceReference[] = [];
  readonly namespace: string | undefined;

  constructor(namespace: string | undefined) {
    this.namespace = namespace;
  }

  /** A LocalObjectReference or SecretKeySelector: `{ name, key?, optional? }`. */
  ref(value: unknown, field: string, purpose: string, kind: TargetKind = 'Secret', namespace = this.namespace): void {
    const record = asRecord(value);
    this.named(asString(record?.name), field, purpose, kind, record?.optional === true, namespace);
  }

  named(name: string | undefined, field: string, purpose: string, kind: TargetKind = 'Secret', optional = false, namespace = this.namespace): void {
    if (name) this.refs.push({ kind, name, namespace, field, purpose, optional });
  }
}

// CloudNativePG ----------------------------------------------------------------------------------------------------

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
function barmanStore(c: Collector, store: unknown, path: string): void {
  const config = asRecord(store);
  if (!config) return;
  for (const [group, field, purpose] of BARMAN_CREDENTIALS) {
    c.ref(asRecord(config[group])?.[field], `${path}.${group}.${field}`, purpose);
  }
  c.ref(config.endpointCA, `${path}.endpointCA`, 'l’autorité de certification du stockage objet');
}

const CNPG_CERTIFICATES: [string, string][] = [
  ['serverTLSSecret', 'le certificat TLS du serveur'],
  ['serverCASecret', 'l’autorité de certification du serveur'],
  ['clientCASecret', 'l’autorité de certification des clients'],
  ['replicationTLSSecret', 'le certificat TLS de réplication'],
];

const CNPG_SQL_REFS = ['postInitSQLRefs', 'postInitApplicationSQLRefs', 'postInitTemplateSQLRefs'];

function cnpgCluster(c: Collector, spec: Record<string, unknown>): void {
  const bootstrap = asRecord(spec.bootstrap);
  for (const method of ['initdb', 'recovery', 'pg_basebackup']) {
    const config = asRecord(bootstrap?.[method]);
    c.ref(config?.secret, `spec.bootstrap.${method}.secret`, 'les identifiants du propriétaire de la base');
    for (const sql of CNPG_SQL_REFS) {
      const refs = asRecord(config?.[sql]);
      asRecords(refs?.secretRefs).forEach((r, i) => c.ref(r, `spec.bootstrap.${method}.${sql}.secretRefs[${i}]`, 'le SQL exécuté à la création de la base'));
      asRecords(refs?.configMapRefs).forEach((r, i) =>
        c.ref(r, `spec.bootstrap.${method}.${sql}.configMapRefs[${i}]`, 'le SQL exécuté à la création de la base', 'ConfigMap'),
      );
    }
  }
  c.ref(spec.superuserSecret, 'spec.superuserSecret', 'le mot de passe du superutilisateur');
  const certificates = asRecord(spec.certificates);
  for (const [field, purpose] of CNPG_CERTIFICATES) c.named(asString(certificates?.[field]), `spec.certificates.${field}`, purpose);
  barmanStore(c, asRecord(spec.backup)?.barmanObjectStore, 'spec.backup.barmanObjectStore');
  asRecords(spec.externalClusters).forEach((external, i) => {
    const path = `spec.externalClusters[${i}]`;
    const of = `du cluster externe ${asString(external.name) ?? i}`;
    c.ref(external.password, `${path}.password`, `le mot de passe ${of}`);
    c.ref(external.sslCert, `${path}.sslCert`, `le certificat client ${of}`);
    c.ref(external.sslKey, `${path}.sslKey`, `la clé client ${of}`);
    c.ref(external.sslRootCert, `${path}.sslRootCert`, `l’autorité de certification ${of}`);
    barmanStore(c, external.barmanObjectStore, `${path}.barmanObjectStore`);
  });
  asRecords(asRecord(spec.managed)?.roles).forEach((role, i) =>
    c.ref(role.passwordSecret, `spec.managed.roles[${i}].passwordSecret`, `le mot de passe du rôle ${asString(role.name) ?? i}`),
  );
  const monitoring = asRecord(spec.monitoring);
  asRecords(monitoring?.customQueriesSecret).forEach((r, i) => c.ref(r, `spec.monitoring.customQueriesSecret[${i}]`, 'les requêtes de supervision'));
  asRecords(monitoring?.customQueriesConfigMap).forEach((r, i) =>
    c.ref(r, `spec.monitoring.customQueriesConfigMap[${i}]`, 'les requêtes de supervision', 'ConfigMap'),
  );
  asRecords(spec.imagePullSecrets).forEach((r, i) => c.ref(r, `spec.imagePullSecrets[${i}]`, 'les identifiants du registre d’images'));
}

// k8up -------------------------------------------------------------------------------------------------------------

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

/** Every `…SecretRef` object under `value`, with its path: k8up repeats backends in schedules, jobs and restores. */
function secretRefsUnder(value: unknown, path: string, isRef: (field: string) => boolean): { path: string; field: string; ref: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => secretRefsUnder(item, `${path}[${i}]`, isRef));
  const record = asRecord(value);
  if (!record) return [];
  return Object.entries(record).flatMap(([field, child]) =>
    isRef(field) ? [{ path: `${path}.${field}`, field, ref: child }] : secretRefsUnder(child, `${path}.${field}`, isRef),
  );
}

function k8up(c: Collector, spec: Record<string, unknown>): void {
  for (const { path, field, ref } of secretRefsUnder(spec, 'spec', (f) => /Secret(Ref|Reg)$/.test(f))) {
    c.ref(ref, path, K8UP_PURPOSES[field] ?? `la référence ${path}`);
  }
}

// cert-manager -----------------------------------------------------------------------------------------------------

function issuer(c: Collector, spec: Record<string, unknown>, namespace: string | undefined): void {
  c.named(asString(asRecord(spec.ca)?.secretName), 'spec.ca.secretName', 'le certificat et la clé de l’autorité de certification', 'Secret', false, namespace);
  const acme = asRecord(spec.acme);
  c.ref(asRecord(acme?.externalAccountBinding)?.keySecretRef, 'spec.acme.externalAccountBinding.keySecretRef', 'la clé EAB du compte ACME', 'Secret', namespace);
  const areas: [unknown, string, string][] = [
    [acme?.solvers, 'spec.acme.solvers', 'les identifiants du solveur ACME'],
    [spec.vault, 'spec.vault', 'les identifiants Vault'],
    [spec.venafi, 'spec.venafi', 'les identifiants Venafi'],
  ];
  for (const [value, path, purpose] of areas) {
    for (const found of secretRefsUnder(value, path, (f) => /[sS]ecretRef$/.test(f))) c.ref(found.ref, found.path, purpose, 'Secret', namespace);
  }
}

function certificate(c: Collector, spec: Record<string, unknown>): void {
  const keystores = asRecord(spec.keystores);
  for (const format of ['jks', 'pkcs12']) {
    const store = asRecord(keystores?.[format]);
    c.ref(store?.passwordSecretRef, `spec.keystores.${format}.passwordSecretRef`, `le mot de passe du magasin de clés ${format.toUpperCase()}`);
  }
}

// Flux -------------------------------------------------------------------------------------------------------------

/** `valuesFrom` / `substituteFrom`: a list of `{ kind: Secret | ConfigMap, name, optional }`. */
function fluxFrom(c: Collector, list: unknown, path: string, purpose: (entry: Record<string, unknown>) => string): void {
  asRecords(list).forEach((entry, i) => {
    const kind = entry.kind === 'Secret' || entry.kind === 'ConfigMap' ? entry.kind : undefined;
    if (kind) c.named(asString(entry.name), `${path}[${i}]`, purpose(entry), kind, entry.optional === true);
  });
}

function kubeConfig(c: Collector, spec: Record<string, unknown>): void {
  c.ref(asRecord(spec.kubeConfig)?.secretRef, 'spec.kubeConfig.secretRef', 'le kubeconfig du cluster cible');
}

function helmRelease(c: Collector, spec: Record<string, unknown>): void {
  fluxFrom(c, spec.valuesFrom, 'spec.valuesFrom', (entry) => {
    const key = asString(entry.valuesKey);
    return key ? `les valeurs du chart (clé ${key})` : 'les valeurs du chart';
  });
  kubeConfig(c, spec);
}

function fluxKustomization(c: Collector, spec: Record<string, unknown>): void {
  fluxFrom(c, asRecord(spec.postBuild)?.substituteFrom, 'spec.postBuild.substituteFrom', () => 'les variables de substitution');
  c.ref(asRecord(spec.decryption)?.secretRef, 'spec.decryption.secretRef', 'la clé de déchiffrement');
  kubeConfig(c, spec);
}

function fluxSource(c: Collector, spec: Record<string, unknown>): void {
  c.ref(spec.secretRef, 'spec.secretRef', 'les identifiants d’accès à la source');
  c.ref(spec.certSecretRef, 'spec.certSecretRef', 'les certificats TLS de la source');
  c.ref(spec.proxySecretRef, 'spec.proxySecretRef', 'la configuration du proxy');
  c.ref(asRecord(spec.verify)?.secretRef, 'spec.verify.secretRef', 'les clés de vérification des signatures');
}

// Traefik ----------------------------------------------------------------------------------------------------------

function middleware(c: Collector, spec: Record<string, unknown>): void {
  c.named(asString(asRecord(spec.basicAuth)?.secret), 'spec.basicAuth.secret', 'les utilisateurs de l’authentification basique');
  c.named(asString(asRecord(spec.digestAuth)?.secret), 'spec.digestAuth.secret', 'les utilisateurs de l’authentification digest');
}

// ------------------------------------------------------------------------------------------------------------------

type Read = (c: Collector, spec: Record<string, unknown>, resource: Resource) => void;

/** « le Secret s3 », « le Secret s3 du namespace cert-manager » when it is not the resource’s own namespace. */
function targetText(resource: Resource, ref: CustomResourceReference): string {
  const where = ref.namespace !== resource.id.namespace ? ` du namespace ${ref.namespace}` : '';
  return `le ${ref.kind} ${ref.name}${where}`;
}

function missing(resource: Resource, refs: CustomResourceReference[]): Finding {
  const { kind, name, namespace } = refs[0];
  const fields = [...new Set(refs.map((r) => r.field))].join(', ');
  const purposes = joinFrench([...new Set(refs.map((r) => r.purpose))]);
  const where = namespace ? ` dans le namespace ${namespace}` : '';
  const add = kind === 'Secret' ? `Ajoutez un SealedSecret ${name}${where} (kubeseal)` : `Ajoutez le ConfigMap ${name}${where}`;
  return finding(
    resource,
    kind === 'Secret' ? 'FFE-E-SECRET-MISSING' : 'FFE-E-CONFIGMAP-MISSING',
    'error',
    `${capitalize(describe(resource))} lit ${purposes} dans ${targetText(resource, refs[0])} (${fields}), qui n’existe pas dans les manifestes.`,
    `${add} ou corrigez ${fields}.`,
  );
}

/** The relation builder of a custom resource kind whose operator reads the Secrets and ConfigMaps `read` collects. */
function readsSecrets(read: Read): RelationBuilder {
  return (env, resource, _entry, context) => {
    const result: RelationResult = { relations: [], findings: [] };
    const collector = new Collector(resource.id.namespace);
    read(collector, specOf(resource), resource);
    const grouped = new Map<string, CustomResourceReference[]>();
    for (const ref of collector.refs) {
      const id = JSON.stringify([ref.kind, ref.namespace ?? '', ref.name]);
      grouped.set(id, [...(grouped.get(id) ?? []), ref]);
    }
    for (const group of grouped.values()) {
      const target = resolveReference(env, context, group[0].kind, group[0].namespace, group[0].name);
      const optional = group.every((r) => r.optional);
      if (!target.exists && !optional) {
        result.findings.push(missing(resource, group));
        continue;
      }
      const fields = [...new Set(group.map((r) => r.field))].join(', ');
      const purposes = joinFrench([...new Set(group.map((r) => r.purpose))]);
      const detail = { ...target.detail, fields, ...(optional ? { optional: 'true' } : {}) };
      const type = group[0].kind === 'Secret' ? 'uses-secret' : 'uses-configmap';
      result.relations.push(edge(env, type, resource, target.key, `lit ${purposes} dans ${targetText(resource, group[0])}`, detail));
    }
    return result;
  };
}

export const databaseClusterSecrets = readsSecrets(cnpgCluster);
export const objectStoreSecrets = readsSecrets((c, spec) => barmanStore(c, spec.configuration, 'spec.configuration'));
export const k8upSecrets = readsSecrets(k8up);
export const certificateSecrets = readsSecrets(certificate);
export const helmReleaseSecrets = readsSecrets(helmRelease);
export const kustomizationSecrets = readsSecrets(fluxKustomization);
export const fluxSourceSecrets = readsSecrets(fluxSource);
export const middlewareSecrets = readsSecrets(middleware);

/** A (Cluster)Issuer: the Secrets its solvers read, and the ACME account key cert-manager keeps for it. */
export const issuerSecrets: RelationBuilder = (env, resource, entry, context) => {
  const namespace = issuerSecretNamespace(resource, certManagerNamespace(env));
  const result = readsSecrets((c, spec) => issuer(c, spec, namespace))(env, resource, entry, context);
  const account = issuerOf(resource.object).acmeAccountSecret;
  if (account) {
    const where = namespace !== resource.id.namespace ? ` (namespace ${namespace})` : '';
    const reason = `conserve la clé de son compte ACME dans le Secret ${account}${where}, que cert-manager crée`;
    result.relations.push(edge(env, 'produces-secret', resource, keyIn(env, '', 'Secret', namespace, account), reason));
  }
  return result;
};
