// Public endpoints: every host and path a route of an environment publishes (Ingress, Traefik, Gateway API — whatever
// the registry gives a route parser), with the Service it reaches and how its certificate is obtained. The endpoints
// table, the public hosts, the issuers list and the request-path diagrams all read this list.
import { CERT_MANAGER, certificateOf, issuerNamespace, type IssuerRef } from './kinds/certificates.ts';
import { routeOf } from './kinds/readers.ts';
import type { Route, RouteTls } from './kinds/routes.ts';
import { compareText, perEnvironment, resourceKey, resourcesOfKind, type Environment, type Resource } from './model.ts';

export interface Endpoint {
  env: string;
  /** `*` when the route names no host (every host, or an Ingress default backend). */
  host: string;
  path: string;
  protocol: Route['protocol'];
  /** Key of the route resource. */
  route: string;
  /** Key of the Service the path reaches (it may be missing from the manifests). */
  service?: string;
  port?: string;
  tls: boolean;
  /** « ClusterIssuer letsencrypt-production », « résolveur Traefik le », or undefined. */
  issuer?: string;
  /** Key of the ClusterIssuer / Issuer when there is one. */
  issuerKey?: string;
  tlsSecret?: string;
}

type Issuer = Pick<Endpoint, 'issuer' | 'issuerKey'>;

function issuerFields(env: Environment, ref: IssuerRef, namespace: string | undefined): Issuer {
  const key = resourceKey({ env: env.name, group: ref.group, kind: ref.kind, namespace: issuerNamespace(ref, namespace), name: ref.name });
  return { issuer: `${ref.kind} ${ref.name}`, issuerKey: key };
}

/**
 * Who signs a TLS section's certificate: the issuer the route's annotation asks cert-manager for, else the issuer of
 * the Certificate that writes the section's Secret, else the Traefik resolver named by annotation or in the section.
 */
function issuerOf(env: Environment, resource: Resource, route: Route, tls: RouteTls): Issuer {
  const namespace = resource.id.namespace;
  if (route.issuer) return issuerFields(env, route.issuer, namespace);
  if (tls.secretName) {
    const certificate = resourcesOfKind(env, 'Certificate', [CERT_MANAGER])
      .map((c) => ({ namespace: c.id.namespace, facts: certificateOf(c.object) }))
      .find((c) => c.namespace === namespace && c.facts.secretName === tls.secretName);
    if (certificate?.facts.issuer) return issuerFields(env, certificate.facts.issuer, namespace);
  }
  const resolver = route.resolver ?? tls.resolver;
  return resolver ? { issuer: `résolveur Traefik ${resolver}` } : {};
}

function endpointsOfRoute(env: Environment, resource: Resource, route: Route): Endpoint[] {
  const out: Endpoint[] = [];
  for (const rule of route.rules) {
    // A host stays published whatever its backend is (a TraefikService, a resource): it then reaches no Service.
    const services = rule.services.length > 0 ? rule.services : rule.otherBackends > 0 ? [undefined] : [];
    for (const { host, path } of rule.matches) {
      const tls = route.tls.find((t) => t.hosts === undefined || t.hosts.includes(host));
      for (const service of services) {
        out.push({
          env: env.name,
          host,
          path,
          protocol: route.protocol,
          route: resource.key,
          ...(service ? { service: resourceKey({ env: env.name, group: '', kind: 'Service', namespace: service.namespace, name: service.name }) } : {}),
          ...(service?.port ? { port: service.port } : {}),
          tls: tls !== undefined,
          ...(tls ? issuerOf(env, resource, route, tls) : {}),
          ...(tls?.secretName ? { tlsSecret: tls.secretName } : {}),
        });
      }
    }
  }
  return out;
}

const endpointsByEnvironment = perEnvironment((env) =>
  env.resources
    .flatMap((resource) => {
      const route = routeOf(resource);
      return route ? endpointsOfRoute(env, resource, route) : [];
    })
    .sort(
      (a, b) =>
        compareText(a.host, b.host) || compareText(a.path, b.path) || compareText(a.route, b.route) || compareText(a.service ?? '', b.service ?? ''),
    ),
);

/** Every endpoint of an environment, sorted by host, path, then route. */
export function endpointsOf(env: Environment): Endpoint[] {
  return [...endpointsByEnvironment(env)];
}

/** Hosts published with a real name (not the `*` catch-all), sorted. */
export function publicHosts(env: Environment): string[] {
  return [...new Set(endpointsOf(env).map((e) => e.host))].filter((h) => h !== '*').sort(compareText);
}
