// app-template's `service.*`, `route.*` and `ingress.*`: the Services in front of the controllers (their ports, the
// controller they select — the only one when there is one), the Gateway API routes (hostnames, parentRefs, rules,
// backends by Service identifier or name, the Service's primary port by default) and the Ingresses (hosts, paths).
import { asStringMap as stringMap } from '../../fields.ts';
import type { FieldPath } from '../../model.ts';
import { Field } from '../located.ts';
import { rendered, type DeducedObject } from './reading.ts';
import { enabledEntries, resourceName, selectorLabels, type Naming } from './app-template-naming.ts';

interface ServiceFacts {
  id: string;
  name: string;
  /** Its ports by name: a route may name one (`port: http`), which the chart renders as the number. */
  ports: Record<string, number>;
  /** Its primary port (`primary: true`, else the first by name). */
  primaryPort?: number;
}

function portsOf(service: Field): { name: string; port: number; entry: Field }[] {
  return enabledEntries(service.at('ports')).flatMap(([name, entry]) => {
    const port = Number(entry.at('port').value);
    return Number.isInteger(port) && port > 0 ? [{ name, port, entry }] : [];
  });
}

function serviceObject(naming: Naming, id: string, entry: Field, count: number, controllers: readonly string[], unknown: string[]): { object?: DeducedObject; facts?: ServiceFacts } {
  const name = resourceName(naming, id, entry, count);
  const controller = entry.at('controller').string() ?? (controllers.length === 1 ? controllers[0] : undefined);
  if (!name) {
    unknown.push(`service ${id} : nom calculé par un modèle`);
    return {};
  }
  const ports = portsOf(entry);
  const primary = ports.find((p) => p.entry.at('primary').value === true) ?? ports[0];
  const from: (readonly [FieldPath, FieldPath])[] = [[[], entry.path], [['spec', 'type'], entry.at('type').path]];
  const specPorts = ports.map((p, i) => {
    from.push([['spec', 'ports', i], p.entry.path]);
    const target = p.entry.at('targetPort').value;
    const protocol = p.entry.at('protocol').string() === 'UDP' ? 'UDP' : 'TCP';
    return { name: p.name, port: p.port, targetPort: typeof target === 'number' || typeof target === 'string' ? target : p.port, protocol };
  });
  if (!controller) unknown.push(`service ${id} : contrôleur non dit (plusieurs contrôleurs)`);
  const spec = { type: entry.at('type').string() ?? 'ClusterIP', ports: specPorts, ...(controller ? { selector: selectorLabels(naming, controller) } : {}) };
  const object = { apiVersion: 'v1', kind: 'Service', metadata: { name, labels: { 'app.kubernetes.io/instance': naming.release.name } }, spec };
  return { object: { object, block: entry.path, from }, facts: { id, name, ports: Object.fromEntries(ports.map((p) => [p.name, p.port])), ...(primary ? { primaryPort: primary.port } : {}) } };
}

/** A backend named by Service identifier (or the only Service), by name, with its port or the Service's primary one. */
function backendOf(ref: Field, services: readonly ServiceFacts[], naming: Naming): Record<string, unknown> | undefined {
  const name = rendered(ref.at('name').string(), naming.release);
  const identifier = ref.at('identifier').string() ?? (name === undefined && services.length === 1 ? services[0].id : undefined);
  const service = identifier !== undefined ? services.find((s) => s.id === identifier) : undefined;
  const target = name ?? service?.name;
  if (!target) return undefined;
  const written = ref.at('port').value;
  const port = (typeof written === 'string' ? service?.ports[written] : undefined) ?? written ?? service?.primaryPort;
  const namespace = ref.at('namespace').string();
  return { name: target, ...(namespace ? { namespace } : {}), ...(typeof port === 'number' || typeof port === 'string' ? { port } : {}) };
}

function routeObject(naming: Naming, id: string, entry: Field, count: number, services: readonly ServiceFacts[], unknown: string[]): DeducedObject | undefined {
  const kind = entry.at('kind').string() ?? 'HTTPRoute';
  const name = resourceName(naming, id, entry, count);
  if (!name || (kind !== 'HTTPRoute' && kind !== 'GRPCRoute')) {
    unknown.push(!name ? `route ${id} : nom calculé par un modèle` : `route ${id} : ${kind} non lue`);
    return undefined;
  }
  const from: (readonly [FieldPath, FieldPath])[] = [[[], entry.path], [['spec', 'hostnames'], entry.at('hostnames').path], [['spec', 'parentRefs'], entry.at('parentRefs').path]];
  const hostnames = entry
    .at('hostnames')
    .items()
    .flatMap((h) => rendered(h.string(), naming.release) ?? []);
  const parentRefs = entry
    .at('parentRefs')
    .records()
    .map((p) => ({ group: p.at('group').string() ?? 'gateway.networking.k8s.io', kind: p.at('kind').string() ?? 'Gateway', ...(p.record() ?? {}) }));
  const written = entry.at('rules').records();
  const rules = (written.length > 0 ? written : [undefined]).map((rule, r) => {
    const refs = rule ? rule.at('backendRefs').records() : [];
    const resolved = (refs.length > 0 ? refs : [Field.of({})]).map((ref) => backendOf(ref, services, naming));
    // A backend the values do not name (the chart's own defaults do): an empty reference, the host still published.
    if (resolved.some((b) => b === undefined)) unknown.push(`route ${id} : Service non dit par les values`);
    const backends = resolved.map((b) => b ?? {});
    if (rule) from.push([['spec', 'rules', r], rule.path]);
    if (refs.length === backends.length) refs.forEach((ref, i) => from.push([['spec', 'rules', r, 'backendRefs', i], ref.path]));
    const matches = rule?.at('matches').value;
    return { ...(Array.isArray(matches) ? { matches } : {}), backendRefs: backends };
  });
  const spec = { parentRefs, ...(hostnames.length > 0 ? { hostnames } : {}), rules };
  const object = { apiVersion: 'gateway.networking.k8s.io/v1', kind, metadata: { name, labels: { 'app.kubernetes.io/instance': naming.release.name } }, spec };
  return { object, block: entry.path, from };
}

function ingressObject(naming: Naming, id: string, entry: Field, count: number, services: readonly ServiceFacts[]): DeducedObject | undefined {
  const name = resourceName(naming, id, entry, count);
  if (!name) return undefined;
  const from: (readonly [FieldPath, FieldPath])[] = [[[], entry.path]];
  const rules = entry
    .at('hosts')
    .records()
    .map((host, h) => {
      from.push([['spec', 'rules', h], host.path], [['spec', 'rules', h, 'host'], host.at('host').path]);
      const paths = host
        .at('paths')
        .records()
        .flatMap((p) => {
          const backend = backendOf(p.at('service'), services, naming);
          if (!backend) return [];
          const port = backend.port;
          const service = { name: backend.name, port: typeof port === 'number' ? { number: port } : { name: String(port ?? '') } };
          return [{ path: p.at('path').string() ?? '/', pathType: p.at('pathType').string() ?? 'Prefix', backend: { service } }];
        });
      return { host: rendered(host.at('host').string(), naming.release) ?? '', http: { paths } };
    });
  const tls = entry
    .at('tls')
    .records()
    .map((t) => ({ hosts: t.at('hosts').items().flatMap((h) => rendered(h.string(), naming.release) ?? []), ...(t.at('secretName').string() ? { secretName: t.at('secretName').string() } : {}) }));
  const className = entry.at('className').string();
  const spec = { ...(className ? { ingressClassName: className } : {}), rules, ...(tls.length > 0 ? { tls } : {}) };
  const annotations = stringMap(entry.at('annotations').value);
  const object = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, annotations }, spec };
  return { object, block: entry.path, from };
}

/** The Services, routes and Ingresses of an app-template release. */
export function trafficObjects(values: Field, naming: Naming, controllers: readonly string[], unknown: string[]): DeducedObject[] {
  const services = enabledEntries(values.at('service'));
  const objects: DeducedObject[] = [];
  const facts: ServiceFacts[] = [];
  for (const [id, entry] of services) {
    const built = serviceObject(naming, id, entry, services.length, controllers, unknown);
    if (built.object) objects.push(built.object);
    if (built.facts) facts.push(built.facts);
  }
  const routes = enabledEntries(values.at('route'));
  for (const [id, entry] of routes) {
    const route = routeObject(naming, id, entry, routes.length, facts, unknown);
    if (route) objects.push(route);
  }
  const ingresses = enabledEntries(values.at('ingress'));
  for (const [id, entry] of ingresses) {
    const ingress = ingressObject(naming, id, entry, ingresses.length, facts);
    if (ingress) objects.push(ingress);
  }
  return objects;
}
