// cert-manager: Certificates (which Secret they fill, for which names, signed by whom), issuers (ACME account), and
// the annotations by which an Ingress asks cert-manager for its certificate.
import { asRecord, asString } from '../fields.ts';
import type { KubeObject } from '../model.ts';

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
}

export function certificateOf(object: KubeObject): CertificateFacts {
  const spec = asRecord(object.spec) ?? {};
  const secretName = asString(spec.secretName);
  const ref = asRecord(spec.issuerRef);
  const name = asString(ref?.name);
  return {
    ...(secretName ? { secretName } : {}),
    dnsNames: Array.isArray(spec.dnsNames) ? spec.dnsNames.map(String) : [],
    ...(name ? { issuer: { group: asString(ref?.group) ?? CERT_MANAGER, kind: asString(ref?.kind) ?? 'Issuer', name } } : {}),
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
  const acme = asRecord(asRecord(object.spec)?.acme);
  const acmeServer = asString(acme?.server);
  const acmeAccountSecret = asString(asRecord(acme?.privateKeySecretRef)?.name);
  return { ...(acmeServer ? { acmeServer } : {}), ...(acmeAccountSecret ? { acmeAccountSecret } : {}) };
}
