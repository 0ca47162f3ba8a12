// Routes: what a route kind publishes — host and path pairs, the Services they reach, TLS (secret, issuer). One parser
// per family (Ingress, Traefik IngressRoute / IngressRouteTCP, Gateway API HTTPRoute / GRPCRoute), one shape: the
// registry names the parser of each kind, and the relations, the endpoints and the TLS check all read the result.
import { asRecord, asRecords, asString } from '../fields.ts';
import type { FieldPath, KubeObject, Resource } from '../model.ts';
import { annotatedIssuer, type IssuerRef } from './certificates.ts';
import { Field } from './located.ts';
import { ReferenceCollector, type ProducedSecret, type SecretReference } from './secret-references.ts';

/** The annotation through which Traefik obtains a route's certificate itself (ACME resolver). */
export const TRAEFIK_RESOLVER_ANNOTATION = 'traefik.ingress.kubernetes.io/router.tls.certresolver';

/** `*` for any host, `/` for any path. */
export interface HostPath {
  host: string;
  path: string;
}

/** A Service a route sends traffic to. `namespace` is the route's own unless the route names another. */
export interface ServiceBackend {
  namespace: string | undefined;
  name: string;
  /** A port number or a port name, as written in the route. */
  port?: string;
  /** Where the backend is written. */
  at: FieldPath;
}

export interface RouteRule {
  /** What the rule matches, in the order written. */
  matches: HostPath[];
  /** The Services it sends traffic to. */
  services: ServiceBackend[];
  /** How many of its backends are something else (a TraefikService, a resource, a Service left unnamed). */
  otherBackends: number;
  /** The rule as its kind writes it, when that is one expression (Traefik's `match`). */
  expression?: string;
  /** An Ingress `defaultBackend`: the traffic no rule matches. */
  fallback?: true;
}

export interface RouteTls {
  /** The hosts it covers; absent: every host of the route. */
  hosts?: string[];
  secretName?: string;
  /** A Traefik certificate resolver (ACME) named in the route's TLS section. */
  resolver?: string;
}

export interface Route {
  /** HTTP routes serve paths; a TCP route matches a host by SNI only; gRPC paths are `/service/method`. */
  protocol: 'http' | 'tcp' | 'grpc';
  /** Every host its rules name, in order, once each (`*` excluded). */
  hosts: string[];
  rules: RouteRule[];
  /** TLS sections (an Ingress may have several, a Traefik route one; Gateway routes leave TLS to the Gateway). */
  tls: RouteTls[];
  /** The issuer cert-manager's annotations ask for. */
  issuer?: IssuerRef;
  /** The Traefik resolver the route's annotation names. */
  resolver?: string;
  /**
   * Where the hosts are written (`hosts`: the list they are in; `hostFields`: each field naming hosts, one per rule or
   * TLS section), and the TLS sections (none for a kind that leaves TLS to another object).
   */
  at: { hosts: FieldPath; hostFields: FieldPath[]; tls?: FieldPath };
}

/** Reads one route object; `namespace` is where it is deployed (backends default to it). */
export type RouteParser = (object: KubeObject, namespace: string | undefined) => Route;

function uniqueHosts(rules: readonly RouteRule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.matches.map((m) => m.host)).filter((h) => h !== '*'))];
}

function annotationsOf(object: KubeObject): Record<string, unknown> {
  return asRecord(object.metadata?.annotations) ?? {};
}

function routeOf(object: KubeObject, protocol: Route['protocol'], rules: RouteRule[], tls: RouteTls[], at: Route['at'], hosts = uniqueHosts(rules)): Route {
  const annotations = annotationsOf(object);
  const issuer = annotatedIssuer(annotations);
  const resolver = asString(annotations[TRAEFIK_RESOLVER_ANNOTATION]);
  return { protocol, hosts, rules, tls, ...(issuer ? { issuer } : {}), ...(resolver ? { resolver } : {}), at };
}

// Ingress ------------------------------------------------------------------------------------------------------------

function ingressRule(matches: HostPath[], backend: Field, namespace: string | undefined): RouteRule {
  const service = backend.at('service');
  const name = service.at('name').string();
  if (!name) return { matches, services: [], otherBackends: 1 };
  const number = service.at('port', 'number').string() ?? service.at('port', 'name').string();
  return { matches, services: [{ namespace, name, ...(number ? { port: number } : {}), at: service.path }], otherBackends: 0 };
}

/** An Ingress: one rule per path (host `*` when the rule names none), its default backend first. */
export const parseIngress: RouteParser = (object, namespace) => {
  const spec = Field.of(object).at('spec');
  const rules: RouteRule[] = [];
  if (spec.at('defaultBackend').record()) rules.push({ ...ingressRule([{ host: '*', path: '/' }], spec.at('defaultBackend'), namespace), fallback: true });
  const hosts: string[] = [];
  for (const rule of spec.at('rules').records()) {
    const host = rule.at('host').string();
    if (host && !hosts.includes(host)) hosts.push(host);
    for (const path of rule.at('http', 'paths').records()) {
      rules.push(ingressRule([{ host: host ?? '*', path: path.at('path').string() ?? '/' }], path.at('backend'), namespace));
    }
  }
  const tls = spec
    .at('tls')
    .records()
    .map((t): RouteTls => {
      const secretName = t.at('secretName').string();
      const written = t.at('hosts').value;
      return { hosts: Array.isArray(written) ? written.map(String) : [], ...(secretName ? { secretName } : {}) };
    });
  // A host named by a rule without paths is still served (and needs a certificate): `hosts` keeps every rule's host.
  const hostFields = [...spec.at('rules').items().map((rule) => rule.at('host').path), ...spec.at('tls').items().map((t) => t.at('hosts').path)];
  return routeOf(object, 'http', rules, tls, { hosts: ['spec', 'rules'], hostFields, tls: ['spec', 'tls'] }, hosts);
};

/** The registry's `producesSecrets` parser of an Ingress: cert-manager writes the Secrets of its TLS sections. */
export function ingressTlsSecrets(ingress: Resource): ProducedSecret[] {
  const route = parseIngress(ingress.object, ingress.id.namespace);
  if (!route.issuer) return [];
  const how = `émis par cert-manager pour l’Ingress ${ingress.id.name}`;
  return route.tls.flatMap((tls) => (tls.secretName ? [{ namespace: ingress.id.namespace, name: tls.secretName, how }] : []));
}

// Traefik ------------------------------------------------------------------------------------------------------------

/** The arguments of the given matchers in a Traefik rule, whichever quotes they use (`…`, "…" or '…'). */
function matcherArguments(expression: string, matchers: readonly string[]): string[] {
  const values: string[] = [];
  const call = new RegExp(`\\b(?:${matchers.join('|')})\\(([^)]*)\\)`, 'g');
  for (const [, args] of expression.matchAll(call)) {
    for (const [, value] of args.matchAll(/[`"']([^`"']*)[`"']/g)) values.push(value);
  }
  return values;
}

/** « Host(`ffe.fr`) && PathPrefix(`/api`) » → ffe.fr /api: every host named, by every path named. */
export function traefikMatches(expression: string): HostPath[] {
  const hosts = matcherArguments(expression, ['Host', 'HostSNI']);
  const paths = matcherArguments(expression, ['PathPrefix', 'Path']);
  return (hosts.length > 0 ? hosts : ['*']).flatMap((host) => (paths.length > 0 ? paths : ['/']).map((path) => ({ host, path })));
}

function traefikRoute(protocol: 'http' | 'tcp'): RouteParser {
  return (object, namespace) => {
    const spec = Field.of(object).at('spec');
    const rules = spec
      .at('routes')
      .records()
      .map((route): RouteRule => {
        const expression = route.at('match').string() ?? '';
        const services: ServiceBackend[] = [];
        let otherBackends = 0;
        for (const service of route.at('services').records()) {
          const name = service.at('name').string();
          if (!name || (service.at('kind').string() ?? 'Service') !== 'Service') {
            otherBackends++;
            continue;
          }
          const port = service.at('port').string();
          services.push({ namespace: service.at('namespace').string() ?? namespace, name, ...(port ? { port } : {}), at: service.path });
        }
        return { matches: traefikMatches(expression), services, otherBackends, expression };
      });
    const tls = spec.at('tls').record();
    const secretName = spec.at('tls', 'secretName').string();
    const resolver = spec.at('tls', 'certResolver').string();
    const sections = tls ? [{ ...(secretName ? { secretName } : {}), ...(resolver ? { resolver } : {}) }] : [];
    const hostFields = spec.at('routes').items().map((route) => route.at('match').path);
    return routeOf(object, protocol, rules, sections, { hosts: ['spec', 'routes'], hostFields, tls: ['spec', 'tls'] });
  };
}

export const parseIngressRoute = traefikRoute('http');
export const parseIngressRouteTcp = traefikRoute('tcp');

// Gateway API --------------------------------------------------------------------------------------------------------

function gatewayRoute(protocol: 'http' | 'grpc', pathsOf: (match: Record<string, unknown>) => string | undefined): RouteParser {
  return (object, namespace) => {
    const spec = Field.of(object).at('spec');
    // No hostname (or an empty list) matches every host the Gateway listens on.
    const hostnames = spec.at('hostnames').value;
    const written = Array.isArray(hostnames) ? hostnames.map(String) : [];
    const hosts = written.length > 0 ? written : ['*'];
    const rules = spec
      .at('rules')
      .records()
      .map((rule): RouteRule => {
        const paths = asRecords(rule.at('matches').value)
          .map(pathsOf)
          .filter((p): p is string => p !== undefined);
        const services: ServiceBackend[] = [];
        let otherBackends = 0;
        for (const ref of rule.at('backendRefs').records()) {
          const name = ref.at('name').string();
          const group = ref.at('group').string() ?? '';
          if (!name || (ref.at('kind').string() ?? 'Service') !== 'Service' || (group !== '' && group !== 'core')) {
            otherBackends++;
            continue;
          }
          const port = ref.at('port').string();
          services.push({ namespace: ref.at('namespace').string() ?? namespace, name, ...(port ? { port } : {}), at: ref.path });
        }
        const matches = hosts.flatMap((host) => (paths.length > 0 ? paths : ['/']).map((path) => ({ host, path })));
        return { matches, services, otherBackends };
      });
    return routeOf(object, protocol, rules, [], { hosts: ['spec', 'hostnames'], hostFields: [['spec', 'hostnames']] });
  };
}

/** An HTTPRoute: each rule's path matches (`/` when it has none), on each of the route's hostnames. */
export const parseHttpRoute = gatewayRoute('http', (match) => asString(asRecord(match.path)?.value));

/**
 * A GRPCRoute: a method match is the path gRPC sends it on, `/package.Service/Method` (`/package.Service/` for every
 * method of a service); a rule without a match takes every call.
 */
export const parseGrpcRoute = gatewayRoute('grpc', (match) => {
  const method = asRecord(match.method);
  const service = asString(method?.service);
  if (!service) return undefined;
  return `/${service}/${asString(method?.method) ?? ''}`;
});

/** The registry's `secretReferences` parser of a Traefik Middleware: the users of its authentication. */
export function middlewareSecretReferences(object: KubeObject, namespace: string | undefined): SecretReference[] {
  const c = new ReferenceCollector(namespace);
  const spec = Field.of(object).at('spec');
  c.named(spec.at('basicAuth', 'secret'), 'les utilisateurs de l’authentification basique');
  c.named(spec.at('digestAuth', 'secret'), 'les utilisateurs de l’authentification digest');
  return c.refs;
}
