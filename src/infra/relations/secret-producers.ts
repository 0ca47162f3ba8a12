// Secrets that are not written in the manifests but are produced in the cluster by a resource that is: a SealedSecret
// (decrypted by the sealed-secrets controller), a CloudNativePG Cluster (<cluster>-app, <cluster>-superuser), a
// cert-manager Certificate (spec.secretName), an Ingress TLS entry issued by cert-manager (ingress-shim) or an ACME
// (Cluster)Issuer (spec.acme.privateKeySecretRef: cert-manager creates the account key when it is missing).
// A secret-manager operator's resource (External Secrets, 1Password, Vault, Infisical, Doppler, Bitwarden, SOPS
// operator) is also a producer: the repository declares that the Secret is made elsewhere.
// A reference to such a Secret is not dangling.
import type { Environment, Resource } from '../model.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { keyIn, resourcesOfKind, theKind } from './common.ts';

export const CERT_MANAGER_ANNOTATIONS = ['cert-manager.io/cluster-issuer', 'cert-manager.io/issuer'] as const;

export interface SecretProducer {
  producer: Resource;
  /** French, e.g. « produit par le SealedSecret db-credentials ». */
  how: string;
}

export function cnpgSecretNames(cluster: Resource): string[] {
  return [`${cluster.id.name}-app`, `${cluster.id.name}-superuser`];
}

/** Where cert-manager keeps the Secrets of ClusterIssuers: its chart's clusterResourceNamespace, else its namespace. */
export function certManagerNamespace(env: Environment): string {
  for (const release of resourcesOfKind(env, 'HelmRelease', ['helm.toolkit.fluxcd.io'])) {
    const spec = specOf(release);
    if (asString(asRecord(asRecord(spec.chart)?.spec)?.chart) !== 'cert-manager') continue;
    return asString(asRecord(spec.values)?.clusterResourceNamespace) ?? asString(spec.targetNamespace) ?? release.id.namespace ?? 'cert-manager';
  }
  // The namespace the cert-manager documentation installs it in.
  return 'cert-manager';
}

/** The namespace a (Cluster)Issuer reads and writes its Secrets in. */
export function issuerSecretNamespace(issuer: Resource, clusterResourceNamespace: string): string | undefined {
  return issuer.id.kind === 'ClusterIssuer' ? clusterResourceNamespace : issuer.id.namespace;
}

/** The Secret holding an ACME issuer's account key, which cert-manager creates and keeps up to date. */
export function acmeAccountSecret(issuer: Resource): string | undefined {
  return asString(asRecord(asRecord(specOf(issuer).acme)?.privateKeySecretRef)?.name);
}

export function issuers(env: Environment): Resource[] {
  return [...resourcesOfKind(env, 'ClusterIssuer', ['cert-manager.io']), ...resourcesOfKind(env, 'Issuer', ['cert-manager.io'])];
}

export function isIssuedByCertManager(ingress: Resource): boolean {
  return CERT_MANAGER_ANNOTATIONS.some((a) => ingress.annotations[a] !== undefined);
}

/** Operators that write a Secret from a secret manager: which kinds, and the names of the Secrets they write. */
const SECRET_MANAGER_OPERATORS: readonly { group: string; kinds: readonly string[]; label: string; secrets: (resource: Resource) => (string | undefined)[] }[] = [
  {
    group: 'external-secrets.io',
    kinds: ['ExternalSecret'],
    label: 'External Secrets',
    secrets: (r) => [asString(asRecord(specOf(r).target)?.name) ?? r.id.name],
  },
  { group: 'onepassword.com', kinds: ['OnePasswordItem'], label: '1Password', secrets: (r) => [r.id.name] },
  {
    group: 'secrets.hashicorp.com',
    kinds: ['VaultStaticSecret', 'VaultDynamicSecret', 'VaultPKISecret'],
    label: 'Vault Secrets Operator',
    secrets: (r) => [asString(asRecord(specOf(r).destination)?.name)],
  },
  { group: 'ricoberger.de', kinds: ['VaultSecret'], label: 'vault-secrets-operator', secrets: (r) => [r.id.name] },
  {
    group: 'secrets.infisical.com',
    kinds: ['InfisicalSecret'],
    label: 'Infisical',
    secrets: (r) => [
      asString(asRecord(specOf(r).managedSecretReference)?.secretName),
      ...asRecords(specOf(r).managedKubeSecretReferences).map((ref) => asString(ref.secretName)),
    ],
  },
  { group: 'secrets.doppler.com', kinds: ['DopplerSecret'], label: 'Doppler', secrets: (r) => [asString(asRecord(specOf(r).managedSecret)?.name)] },
  { group: 'k8s.bitwarden.com', kinds: ['BitwardenSecret'], label: 'Bitwarden', secrets: (r) => [asString(specOf(r).secretName)] },
  {
    group: 'isindir.github.com',
    kinds: ['SopsSecret'],
    label: 'sops-secrets-operator',
    secrets: (r) => asRecords(specOf(r).secretTemplates).map((t) => asString(t.name)),
  },
];

/** Secret key → what produces it. The first producer in resource order wins. */
export function secretProducers(env: Environment): Map<string, SecretProducer> {
  const producers = new Map<string, SecretProducer>();
  const add = (namespace: string | undefined, name: string | undefined, producer: Resource, how: string) => {
    if (!name) return;
    const key = keyIn(env, '', 'Secret', namespace, name);
    if (!producers.has(key)) producers.set(key, { producer, how });
  };
  for (const sealed of resourcesOfKind(env, 'SealedSecret', ['bitnami.com'])) {
    add(sealed.id.namespace, sealed.id.name, sealed, `produit par le SealedSecret ${sealed.id.name}`);
  }
  for (const cluster of resourcesOfKind(env, 'Cluster', ['postgresql.cnpg.io'])) {
    for (const name of cnpgSecretNames(cluster)) {
      add(cluster.id.namespace, name, cluster, `produit par le cluster PostgreSQL ${cluster.id.name}`);
    }
  }
  for (const certificate of resourcesOfKind(env, 'Certificate', ['cert-manager.io'])) {
    add(certificate.id.namespace, asString(specOf(certificate).secretName), certificate, `produit par le Certificate ${certificate.id.name}`);
  }
  for (const ingress of resourcesOfKind(env, 'Ingress', ['networking.k8s.io', 'extensions'])) {
    if (!isIssuedByCertManager(ingress)) continue;
    for (const tls of asRecords(specOf(ingress).tls)) {
      add(ingress.id.namespace, asString(tls.secretName), ingress, `émis par cert-manager pour l’Ingress ${ingress.id.name}`);
    }
  }
  for (const operator of SECRET_MANAGER_OPERATORS) {
    for (const resource of operator.kinds.flatMap((kind) => resourcesOfKind(env, kind, [operator.group]))) {
      for (const name of operator.secrets(resource)) add(resource.id.namespace, name, resource, `produit par ${operator.label} (${resource.id.kind} ${resource.id.name})`);
    }
  }
  const clusterResourceNamespace = certManagerNamespace(env);
  for (const issuer of issuers(env)) {
    const namespace = issuerSecretNamespace(issuer, clusterResourceNamespace);
    add(namespace, acmeAccountSecret(issuer), issuer, `créé par cert-manager pour le compte ACME de ${theKind(issuer.id.kind)} ${issuer.id.name}`);
  }
  return producers;
}

export interface SecretResolution {
  /** Key of the Secret, whether written in the manifests or produced in the cluster. */
  key: string;
  /** Written in the manifests, or produced by one of them. */
  exists: boolean;
  producedBy?: SecretProducer;
}

export function resolveSecret(
  env: Environment,
  producers: Map<string, SecretProducer>,
  namespace: string | undefined,
  name: string,
): SecretResolution {
  const key = keyIn(env, '', 'Secret', namespace, name);
  if (env.byKey.has(key)) return { key, exists: true };
  const producedBy = producers.get(key);
  return producedBy ? { key, exists: true, producedBy } : { key, exists: false };
}

/** Detail fields telling views where a Secret that is not in the manifests comes from. */
export function producerDetail(resolution: SecretResolution): Record<string, string> {
  return resolution.producedBy ? { producedBy: resolution.producedBy.producer.key } : {};
}
