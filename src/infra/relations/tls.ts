// Certificate and Ingress TLS → the Secret holding the certificate, and → the (Cluster)Issuer that signs it.
import type { Environment, Finding, Relation, Resource } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { capitalize, theKind } from '../french.ts';
import { describe, edge, finding, keyIn, resourcesOfKind } from './common.ts';
import { isIssuedByCertManager, producerDetail, resolveSecret, secretProducers, type SecretProducer } from './secret-producers.ts';

function issuerEdge(env: Environment, from: Resource, kind: string, name: string, reason: string): Relation {
  const namespace = kind === 'ClusterIssuer' ? undefined : from.id.namespace;
  return edge(env, 'issued-by', from, keyIn(env, 'cert-manager.io', kind, namespace, name), reason);
}

function certificateEdges(env: Environment, certificate: Resource): Relation[] {
  const spec = specOf(certificate);
  const relations: Relation[] = [];
  const dnsNames = Array.isArray(spec.dnsNames) ? spec.dnsNames.map(String) : [];
  const names = dnsNames.length > 0 ? ` pour ${dnsNames.join(', ')}` : '';
  const secretName = asString(spec.secretName);
  if (secretName) {
    const key = keyIn(env, '', 'Secret', certificate.id.namespace, secretName);
    relations.push(edge(env, 'stores-certificate', certificate, key, `range le certificat${names} dans le Secret ${secretName}`, dnsNames.length > 0 ? { dnsNames: dnsNames.join(', ') } : {}));
  }
  const issuer = asRecord(spec.issuerRef);
  const issuerName = asString(issuer?.name);
  if (issuerName) {
    const kind = asString(issuer?.kind) ?? 'Issuer';
    relations.push(issuerEdge(env, certificate, kind, issuerName, `est signé par ${theKind(kind)} ${issuerName}`));
  }
  return relations;
}

function missingTlsSecret(ingress: Resource, secretName: string): Finding {
  return finding(
    ingress,
    'FFE-E-SECRET-MISSING',
    'error',
    `${capitalize(describe(ingress))} sert son certificat TLS depuis le Secret ${secretName}, qui n’existe pas dans les manifestes : le contrôleur servira un certificat par défaut.`,
    `Ajoutez l’annotation cert-manager.io/cluster-issuer pour faire émettre le certificat, un Certificate dont secretName vaut ${secretName}, ou un SealedSecret ${secretName}.`,
  );
}

function ingressTlsEdges(env: Environment, producers: Map<string, SecretProducer>, ingress: Resource, findings: Finding[]): Relation[] {
  const relations: Relation[] = [];
  for (const tls of asRecords(specOf(ingress).tls)) {
    const secretName = asString(tls.secretName);
    if (!secretName) continue;
    const hosts = Array.isArray(tls.hosts) ? tls.hosts.map(String) : [];
    const secret = resolveSecret(env, producers, ingress.id.namespace, secretName);
    if (!secret.exists) {
      findings.push(missingTlsSecret(ingress, secretName));
      continue;
    }
    const key = secret.key;
    const detail: Record<string, string> = { ...producerDetail(secret), ...(hosts.length > 0 ? { hosts: hosts.join(', ') } : {}) };
    const forHosts = hosts.length > 0 ? ` de ${hosts.join(', ')}` : '';
    relations.push(edge(env, 'stores-certificate', ingress, key, `sert le certificat TLS${forHosts} depuis le Secret ${secretName}`, detail));
  }
  if (isIssuedByCertManager(ingress)) {
    const cluster = ingress.annotations['cert-manager.io/cluster-issuer'];
    const kind = cluster !== undefined ? 'ClusterIssuer' : 'Issuer';
    const name = cluster ?? ingress.annotations['cert-manager.io/issuer'];
    relations.push(issuerEdge(env, ingress, kind, name, `fait émettre son certificat par ${theKind(kind)} ${name}`));
  }
  return relations;
}

export function tlsEdges(env: Environment): RelationResult {
  const findings: Finding[] = [];
  const producers = secretProducers(env);
  const relations = [
    ...resourcesOfKind(env, 'Certificate', ['cert-manager.io']).flatMap((c) => certificateEdges(env, c)),
    ...resourcesOfKind(env, 'Ingress', ['networking.k8s.io', 'extensions']).flatMap((i) => ingressTlsEdges(env, producers, i, findings)),
  ];
  return { relations, findings };
}
