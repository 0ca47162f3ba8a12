// Public endpoints: every host and path an Ingress, a Traefik IngressRoute or a Gateway HTTPRoute publishes, with the
// Service it reaches and how its certificate is obtained. Shared by the endpoints table and the request-path diagrams.
import { resourceKey, type Environment, type Resource } from '../infra/model.ts';
import { asRecord, asRecords, asString, specOf } from '../infra/fields.ts';
import { resourcesOfKind } from '../infra/relations/common.ts';
import { compareText } from './context.ts';

export interface Endpoint {
  env: string;
  host: string;
  path: string;
  /** Key of the Ingress / IngressRoute / HTTPRoute. */
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

const INGRESS_GROUPS = ['networking.k8s.io', 'extensions'];
const TRAEFIK_GROUPS = ['traefik.io', 'traefik.containo.us'];

function serviceKey(env: Environment, namespace: string | undefined, name: string): string {
  return resourceKey({ env: env.name, group: '', kind: 'Service', namespace, name });
}

/** The issuer of a TLS secret: an annotation of the route, or the Certificate that writes the secret. */
function issuerOf(env: Environment, route: Resource, secretName: string | undefined): { issuer?: string; issuerKey?: string } {
  const clusterIssuer = route.annotations['cert-manager.io/cluster-issuer'];
  const issuer = route.annotations['cert-manager.io/issuer'];
  const make = (kind: string, name: string, namespace?: string) => ({
    issuer: `${kind} ${name}`,
    issuerKey: resourceKey({ env: env.name, group: 'cert-manager.io', kind, namespace, name }),
  });
  if (clusterIssuer) return make('ClusterIssuer', clusterIssuer);
  if (issuer) return make('Issuer', issuer, route.id.namespace);
  if (secretName) {
    const certificate = resourcesOfKind(env, 'Certificate', ['cert-manager.io']).find(
      (c) => c.id.namespace === route.id.namespace && asString(specOf(c).secretName) === secretName,
    );
    const ref = asRecord(certificate ? specOf(certificate).issuerRef : undefined);
    const name = asString(ref?.name);
    if (name) {
      const kind = asString(ref?.kind) ?? 'Issuer';
      return make(kind, name, kind === 'ClusterIssuer' ? undefined : route.id.namespace);
    }
  }
  const resolver = route.annotations['traefik.ingress.kubernetes.io/router.tls.certresolver'];
  return resolver ? { issuer: `résolveur Traefik ${resolver}` } : {};
}

function ingressEndpoints(env: Environment, ingress: Resource): Endpoint[] {
  const spec = specOf(ingress);
  const tlsBlocks = asRecords(spec.tls);
  const out: Endpoint[] = [];
  for (const rule of asRecords(spec.rules)) {
    const host = asString(rule.host) ?? '*';
    const tlsBlock = tlsBlocks.find((t) => Array.isArray(t.hosts) && (t.hosts as unknown[]).map(String).includes(host));
    const secretName = asString(tlsBlock?.secretName);
    for (const path of asRecords(asRecord(rule.http)?.paths)) {
      const service = asRecord(asRecord(path.backend)?.service);
      const name = asString(service?.name);
      const port = asRecord(service?.port);
      out.push({
        env: env.name,
        host,
        path: asString(path.path) ?? '/',
        route: ingress.key,
        ...(name ? { service: serviceKey(env, ingress.id.namespace, name) } : {}),
        ...((asString(port?.number) ?? asString(port?.name)) ? { port: asString(port?.number) ?? asString(port?.name) } : {}),
        tls: tlsBlock !== undefined,
        ...(tlsBlock ? issuerOf(env, ingress, secretName) : {}),
        ...(secretName ? { tlsSecret: secretName } : {}),
      });
    }
  }
  return out;
}

function backtickArgs(match: string, matcher: string): string[] {
  const found: string[] = [];
  const call = new RegExp(`\\b${matcher}\\(([^)]*)\\)`, 'g');
  for (const m of match.matchAll(call)) for (const arg of m[1].matchAll(/[`"]([^`"]*)[`"]/g)) found.push(arg[1]);
  return found;
}

type TlsFields = Pick<Endpoint, 'tls' | 'issuer' | 'issuerKey' | 'tlsSecret'>;

/**
 * A Traefik service or a Gateway backendRef (same fields: kind, name, namespace, port) reached on every host × path
 * of its route; a path-less route serves `/`. Backends that are not Services (TraefikService, …) publish nothing here.
 */
function backendEndpoints(
  env: Environment,
  route: Resource,
  backend: Record<string, unknown>,
  hosts: readonly string[],
  paths: readonly string[],
  tlsFields: TlsFields,
): Endpoint[] {
  if ((asString(backend.kind) ?? 'Service') !== 'Service') return [];
  const name = asString(backend.name);
  const port = asString(backend.port);
  return hosts.flatMap((host) =>
    (paths.length > 0 ? paths : ['/']).map((path) => ({
      env: env.name,
      host,
      path,
      route: route.key,
      ...(name ? { service: serviceKey(env, asString(backend.namespace) ?? route.id.namespace, name) } : {}),
      ...(port ? { port } : {}),
      ...tlsFields,
    })),
  );
}

function ingressRouteEndpoints(env: Environment, route: Resource): Endpoint[] {
  const spec = specOf(route);
  const tls = asRecord(spec.tls);
  const secretName = asString(tls?.secretName);
  const issuer = tls ? issuerOf(env, route, secretName) : {};
  if (tls && !issuer.issuer && asString(tls.certResolver)) issuer.issuer = `résolveur Traefik ${asString(tls.certResolver)}`;
  const tlsFields = { tls: tls !== undefined, ...issuer, ...(secretName ? { tlsSecret: secretName } : {}) };
  const out: Endpoint[] = [];
  for (const r of asRecords(spec.routes)) {
    const match = asString(r.match) ?? '';
    const hosts = backtickArgs(match, 'Host');
    const paths = [...backtickArgs(match, 'PathPrefix'), ...backtickArgs(match, 'Path')];
    for (const service of asRecords(r.services)) {
      out.push(...backendEndpoints(env, route, service, hosts.length > 0 ? hosts : ['*'], paths, tlsFields));
    }
  }
  return out;
}

function httpRouteEndpoints(env: Environment, route: Resource): Endpoint[] {
  const spec = specOf(route);
  const hosts = Array.isArray(spec.hostnames) ? spec.hostnames.map(String) : ['*'];
  const out: Endpoint[] = [];
  for (const rule of asRecords(spec.rules)) {
    const matches = asRecords(rule.matches);
    const paths = matches.map((m) => asString(asRecord(m.path)?.value)).filter((p): p is string => p !== undefined);
    for (const backend of asRecords(rule.backendRefs)) {
      // TLS terminates at the Gateway listener, which these views do not follow.
      out.push(...backendEndpoints(env, route, backend, hosts, paths, { tls: false }));
    }
  }
  return out;
}

/** Every endpoint of an environment, sorted by host, path, then route. */
export function endpointsOf(env: Environment): Endpoint[] {
  const all = [
    ...resourcesOfKind(env, 'Ingress', INGRESS_GROUPS).flatMap((r) => ingressEndpoints(env, r)),
    ...resourcesOfKind(env, 'IngressRoute', TRAEFIK_GROUPS).flatMap((r) => ingressRouteEndpoints(env, r)),
    ...resourcesOfKind(env, 'HTTPRoute', ['gateway.networking.k8s.io']).flatMap((r) => httpRouteEndpoints(env, r)),
  ];
  return all.sort(
    (a, b) => compareText(a.host, b.host) || compareText(a.path, b.path) || compareText(a.route, b.route) || compareText(a.service ?? '', b.service ?? ''),
  );
}

/** Hosts published with a real name (not the `*` catch-all), sorted. */
export function publicHosts(env: Environment): string[] {
  return [...new Set(endpointsOf(env).map((e) => e.host))].filter((h) => h !== '*').sort(compareText);
}
