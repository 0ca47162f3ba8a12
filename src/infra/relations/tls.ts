// Certificate and route TLS → the Secret holding the certificate, and → the (Cluster)Issuer that signs it.
import { capitalize, theKind } from '../french.ts';
import { certificateOf, issuerNamespace, type IssuerRef } from '../kinds/certificates.ts';
import type { RelationBuilder } from '../kinds/entry.ts';
import type { Environment, Finding, Relation, Resource } from '../model.ts';
import { describe, edge, finding, keyIn } from './common.ts';
import { producerDetail, resolveSecret } from './secret-producers.ts';

function issuerEdge(env: Environment, from: Resource, issuer: IssuerRef, reason: string): Relation {
  return edge(env, 'issued-by', from, keyIn(env, issuer.group, issuer.kind, issuerNamespace(issuer, from.id.namespace), issuer.name), reason);
}

export const certificateEdges: RelationBuilder = (env, certificate) => {
  const facts = certificateOf(certificate.object);
  const relations: Relation[] = [];
  const names = facts.dnsNames.length > 0 ? ` pour ${facts.dnsNames.join(', ')}` : '';
  if (facts.secretName) {
    const key = keyIn(env, '', 'Secret', certificate.id.namespace, facts.secretName);
    const detail: Record<string, string> = facts.dnsNames.length > 0 ? { dnsNames: facts.dnsNames.join(', ') } : {};
    relations.push(edge(env, 'stores-certificate', certificate, key, `range le certificat${names} dans le Secret ${facts.secretName}`, detail));
  }
  if (facts.issuer) relations.push(issuerEdge(env, certificate, facts.issuer, `est signé par ${theKind(facts.issuer.kind)} ${facts.issuer.name}`));
  return { relations, findings: [] };
};

function missingTlsSecret(route: Resource, secretName: string): Finding {
  return finding(
    route,
    'FFE-E-SECRET-MISSING',
    'error',
    `${capitalize(describe(route))} sert son certificat TLS depuis le Secret ${secretName}, qui n’existe pas dans les manifestes : le contrôleur servira un certificat par défaut.`,
    `Ajoutez l’annotation cert-manager.io/cluster-issuer pour faire émettre le certificat, un Certificate dont secretName vaut ${secretName}, ou un SealedSecret ${secretName}.`,
  );
}

/** A route's TLS sections → their Secrets, and the issuer its cert-manager annotation asks for. */
export const routeTlsEdges: RelationBuilder = (env, route, entry) => {
  const facts = entry.route!(route.object, route.id.namespace);
  const relations: Relation[] = [];
  const findings: Finding[] = [];
  for (const tls of facts.tls) {
    if (!tls.secretName) continue;
    const hosts = tls.hosts ?? [];
    const secret = resolveSecret(env, route.id.namespace, tls.secretName);
    if (!secret.exists) {
      findings.push(missingTlsSecret(route, tls.secretName));
      continue;
    }
    const detail: Record<string, string> = { ...producerDetail(secret), ...(hosts.length > 0 ? { hosts: hosts.join(', ') } : {}) };
    const forHosts = hosts.length > 0 ? ` de ${hosts.join(', ')}` : '';
    relations.push(edge(env, 'stores-certificate', route, secret.key, `sert le certificat TLS${forHosts} depuis le Secret ${tls.secretName}`, detail));
  }
  if (facts.issuer) {
    relations.push(issuerEdge(env, route, facts.issuer, `fait émettre son certificat par ${theKind(facts.issuer.kind)} ${facts.issuer.name}`));
  }
  return { relations, findings };
};
