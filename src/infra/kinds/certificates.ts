// cert-manager: Certificates (which Secret they fill, for which names, signed by whom), issuers (ACME account, the
// Secrets their solvers read), and the annotations by which an Ingress asks cert-manager for its certificate.
import { theKind } from '../french.ts';
import { perEnvironment, resourcesOfKind, type Environment, type FieldPath, type KubeObject, type Resource } from '../model.ts';
import { asString } from '../fields.ts';
import { FLUX_HELM, helmReleaseOf } from './flux.ts';
import { Field } from './located.ts';
import { fieldsNamed, ReferenceCollector, type ProducedSecret, type SecretReference } from './secret-references.ts';

export const CERT_MANAGER = 'cert-manager.io';
export const CLUSTER_ISSUER_ANNOTATION = 'cert-manager.io/cluster-issuer';
export const ISSUER_ANNOTATION = 'cert-manager.io/issuer';

export interface IssuerRef {
  /** cert-manager.io, or an external issuer's group. */
  group: string;
  /** `ClusterIssuer`, `Issuer`, or an external issuer's kind, as written. */
  kind: string;
  name: string;
}

/** Where an issuer lives: a ClusterIssuer has no namespace; any other issuer is in the namespace that names it. */
export function issuerNamespace(issuer: IssuerRef, namespace: string | undefined): string | undefined {
  return issuer.kind === 'ClusterIssuer' ? undefined : namespace;
}

export interface CertificateFacts {
  secretName?: string;
  dnsNames: string[];
  issuer?: IssuerRef;
  at: { secretName: FieldPath; dnsNames: FieldPath };
}

export function certificateOf(object: KubeObject): CertificateFacts {
  const spec = Field.of(object).at('spec');
  const secretName = spec.at('secretName').string();
  const ref = spec.at('issuerRef');
  const name = ref.at('name').string();
  const dnsNames = spec.at('dnsNames').value;
  return {
    ...(secretName ? { secretName } : {}),
    dnsNames: Array.isArray(dnsNames) ? dnsNames.map(String) : [],
    ...(name ? { issuer: { group: ref.at('group').string() ?? CERT_MANAGER, kind: ref.at('kind').string() ?? 'Issuer', name } } : {}),
    at: { secretName: spec.at('secretName').path, dnsNames: spec.at('dnsNames').path },
  };
}

/**
 * The issuer an object's annotations ask cert-manager's ingress-shim for: `cluster-issuer` wins over `issuer`, as in
 * cert-manager; an empty name asks for nothing (cert-manager can issue nothing from it).
 */
export function annotatedIssuer(annotations: Readonly<Record<string, unknown>>): IssuerRef | undefined {
  for (const [annotation, kind] of [[CLUSTER_ISSUER_ANNOTATION, 'ClusterIssuer'], [ISSUER_ANNOTATION, 'Issuer']] as const) {
    const name = annotations[annotation];
    if (typeof name === 'string' && name.trim() !== '') return { group: CERT_MANAGER, kind, name };
  }
  return undefined;
}

export interface IssuerFacts {
  /** The ACME directory, for an ACME issuer. */
  acmeServer?: string;
  /** The Secret holding the ACME account key, which cert-manager creates and keeps up to date. */
  acmeAccountSecret?: string;
}

export function issuerOf(object: KubeObject): IssuerFacts {
  const acme = Field.of(object).at('spec', 'acme');
  const acmeServer = acme.at('server').string();
  const acmeAccountSecret = acme.at('privateKeySecretRef', 'name').string();
  return { ...(acmeServer ? { acmeServer } : {}), ...(acmeAccountSecret ? { acmeAccountSecret } : {}) };
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
export function issuerSecretNamespace(issuer: Resource, env: Environment): string | undefined {
  return issuer.id.kind === 'ClusterIssuer' ? certManagerNamespace(env) : issuer.id.namespace;
}

/** The registry's `secretReferences` parser of an issuer: its CA, its ACME account binding, its solvers' credentials. */
export function issuerSecretReferences(object: KubeObject, namespace: string | undefined): SecretReference[] {
  const c = new ReferenceCollector(namespace);
  const spec = Field.of(object).at('spec');
  c.named(spec.at('ca', 'secretName'), 'le certificat et la clé de l’autorité de certification');
  const acme = spec.at('acme');
  c.ref(acme.at('externalAccountBinding', 'keySecretRef'), 'la clé EAB du compte ACME');
  const areas: [Field, string][] = [
    [acme.at('solvers'), 'les identifiants du solveur ACME'],
    [spec.at('vault'), 'les identifiants Vault'],
    [spec.at('venafi'), 'les identifiants Venafi'],
  ];
  for (const [area, purpose] of areas) for (const { field } of fieldsNamed(area, (key) => /[sS]ecretRef$/.test(key))) c.ref(field, purpose);
  return c.refs;
}

/** The registry's `producesSecrets` parser of an issuer: cert-manager creates its ACME account key when missing. */
export function issuerAccountSecret(issuer: Resource, env: Environment): ProducedSecret[] {
  const name = issuerOf(issuer.object).acmeAccountSecret;
  const how = `créé par cert-manager pour le compte ACME de ${theKind(issuer.id.kind)} ${issuer.id.name}`;
  return name ? [{ namespace: issuerSecretNamespace(issuer, env), name, how }] : [];
}

/** The registry's `secretReferences` parser of a Certificate: the passwords of its keystores. */
export function certificateSecretReferences(object: KubeObject, namespace: string | undefined): SecretReference[] {
  const c = new ReferenceCollector(namespace);
  for (const format of ['jks', 'pkcs12']) {
    c.ref(Field.of(object).at('spec', 'keystores', format, 'passwordSecretRef'), `le mot de passe du magasin de clés ${format.toUpperCase()}`);
  }
  return c.refs;
}

/** The registry's `producesSecrets` parser of a Certificate: the Secret cert-manager writes it to. */
export function certificateSecret(certificate: Resource): ProducedSecret[] {
  const name = certificateOf(certificate.object).secretName;
  return name ? [{ namespace: certificate.id.namespace, name, how: `produit par le Certificate ${certificate.id.name}` }] : [];
}
