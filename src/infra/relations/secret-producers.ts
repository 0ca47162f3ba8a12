// Secrets that are not written in the manifests but are produced in the cluster by a resource that is: a SealedSecret
// (decrypted by the sealed-secrets controller), a CloudNativePG Cluster (<cluster>-app, <cluster>-superuser), a
// cert-manager Certificate (spec.secretName), an Ingress TLS entry issued by cert-manager (ingress-shim) or an ACME
// (Cluster)Issuer (spec.acme.privateKeySecretRef: cert-manager creates the account key when it is missing).
// A secret-manager operator's resource (External Secrets, 1Password, Vault, Infisical, Doppler, Bitwarden, SOPS
// operator) is also a producer: the repository declares that the Secret is made elsewhere.
// A reference to such a Secret is not dangling.
import { theKind } from '../french.ts';
import { CERT_MANAGER, certificateOf, issuerOf } from '../kinds/certificates.ts';
import { FLUX_HELM, helmReleaseOf } from '../kinds/flux.ts';
import { CNPG, databaseSecretNames } from '../kinds/postgres.ts';
import { INGRESS_GROUPS, parseIngress } from '../kinds/routes.ts';
import { SECRET_MANAGER_KINDS } from '../kinds/secret-managers.ts';
import { asString } from '../fields.ts';
import { resourcesOfKind, type Environment, type Resource } from '../model.ts';
import type { RelationContext } from '../kinds/entry.ts';
import { keyIn } from './common.ts';
import { perEnvironment } from '../model.ts';

export interface SecretProducer {
  producer: Resource;
  /** French, e.g. « produit par le SealedSecret db-credentials ». */
  how: string;
}

/** Where cert-manager keeps the Secrets of ClusterIssuers: its chart's clusterResourceNamespace, else its namespace. */
export const certManagerNamespace = perEnvironment((env: Environment): string => {
  for (const release of resourcesOfKind(env, 'HelmRelease', [FLUX_HELM])) {
    const facts = helmReleaseOf(release.object);
    if (facts.chart !== 'cert-manager' || facts.chartRef) continue;
    return asString(facts.values?.clusterResourceNamespace) ?? facts.targetNamespace ?? release.id.namespace ?? 'cert-manager';
  }
  // The namespace the cert-manager documentation installs it in.
  return 'cert-manager';
});

/** The namespace a (Cluster)Issuer reads and writes its Secrets in. */
export function issuerSecretNamespace(issuer: Resource, clusterResourceNamespace: string): string | undefined {
  return issuer.id.kind === 'ClusterIssuer' ? clusterResourceNamespace : issuer.id.namespace;
}

export function issuers(env: Environment): Resource[] {
  return [...resourcesOfKind(env, 'ClusterIssuer', [CERT_MANAGER]), ...resourcesOfKind(env, 'Issuer', [CERT_MANAGER])];
}

/** Secret key → what produces it. The first producer in resource order wins. */
export const secretProducers = perEnvironment((env: Environment): Map<string, SecretProducer> => {
  const producers = new Map<string, SecretProducer>();
  const add = (namespace: string | undefined, name: string | undefined, producer: Resource, how: string) => {
    if (!name) return;
    const key = keyIn(env, '', 'Secret', namespace, name);
    if (!producers.has(key)) producers.set(key, { producer, how });
  };
  for (const sealed of resourcesOfKind(env, 'SealedSecret', ['bitnami.com'])) {
    add(sealed.id.namespace, sealed.id.name, sealed, `produit par le SealedSecret ${sealed.id.name}`);
  }
  for (const cluster of resourcesOfKind(env, 'Cluster', [CNPG])) {
    for (const name of Object.values(databaseSecretNames(cluster.id.name))) {
      add(cluster.id.namespace, name, cluster, `produit par le cluster PostgreSQL ${cluster.id.name}`);
    }
  }
  for (const certificate of resourcesOfKind(env, 'Certificate', [CERT_MANAGER])) {
    add(certificate.id.namespace, certificateOf(certificate.object).secretName, certificate, `produit par le Certificate ${certificate.id.name}`);
  }
  for (const ingress of resourcesOfKind(env, 'Ingress', INGRESS_GROUPS)) {
    const route = parseIngress(ingress.object, ingress.id.namespace);
    if (!route.issuer) continue;
    for (const tls of route.tls) add(ingress.id.namespace, tls.secretName, ingress, `émis par cert-manager pour l’Ingress ${ingress.id.name}`);
  }
  for (const manager of SECRET_MANAGER_KINDS) {
    for (const resource of resourcesOfKind(env, manager.kind, [manager.group])) {
      for (const name of manager.secrets(resource.object)) add(resource.id.namespace, name, resource, `produit par ${manager.operator} (${resource.id.kind} ${resource.id.name})`);
    }
  }
  const clusterResourceNamespace = certManagerNamespace(env);
  for (const issuer of issuers(env)) {
    const namespace = issuerSecretNamespace(issuer, clusterResourceNamespace);
    add(namespace, issuerOf(issuer.object).acmeAccountSecret, issuer, `créé par cert-manager pour le compte ACME de ${theKind(issuer.id.kind)} ${issuer.id.name}`);
  }
  return producers;
});

export interface SecretResolution {
  /** Key of the Secret, whether written in the manifests or produced in the cluster. */
  key: string;
  /** Written in the manifests, or produced by one of them. */
  exists: boolean;
  producedBy?: SecretProducer;
}

export function resolveSecret(env: Environment, namespace: string | undefined, name: string): SecretResolution {
  const key = keyIn(env, '', 'Secret', namespace, name);
  if (env.byKey.has(key)) return { key, exists: true };
  const producedBy = secretProducers(env).get(key);
  return producedBy ? { key, exists: true, producedBy } : { key, exists: false };
}

/** Detail fields telling views where a Secret that is not in the manifests comes from. */
export function producerDetail(resolution: SecretResolution): Record<string, string> {
  return resolution.producedBy ? { producedBy: resolution.producedBy.producer.key } : {};
}

/**
 * Where a reference leads: a resource of the manifests, a Secret one of them produces, or an object the cluster (or
 * its bootstrap) provides — the registry's built-ins, which carry who provides them.
 */
export function resolveReference(
  env: Environment,
  context: RelationContext,
  kind: 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim',
  namespace: string | undefined,
  name: string,
): { key: string; exists: boolean; detail: Record<string, string> } {
  const secret = kind === 'Secret' ? resolveSecret(env, namespace, name) : undefined;
  const key = secret?.key ?? keyIn(env, '', kind, namespace, name);
  if (secret?.exists) return { key, exists: true, detail: producerDetail(secret) };
  if (env.byKey.has(key)) return { key, exists: true, detail: {} };
  const builtIn = context.builtIn('', kind, namespace, name);
  return builtIn ? { key, exists: true, detail: { provider: builtIn.provider } } : { key, exists: false, detail: {} };
}
