// The shared end of every route (Ingress, Gateway HTTPRoute, Traefik IngressRoute): a Service and one of its ports.
import type { Environment, Finding, Relation, Resource } from '../model.ts';
import { asRecords, asString, specOf } from '../fields.ts';
import { capitalize } from '../french.ts';
import { describe, edge, finding, findResource, keyIn } from './common.ts';

export interface ServiceBackend {
  namespace: string | undefined;
  name: string;
  /** A port number or a port name, as written in the route. */
  port?: string;
}

export interface BackendResult {
  relation?: Relation;
  finding?: Finding;
}

function portLabel(service: Resource, port: string): { label: string; detail: Record<string, string> } | undefined {
  const ports = asRecords(specOf(service).ports);
  const match = ports.find((p) => asString(p.port) === port || asString(p.name) === port);
  if (!match) return undefined;
  const number = asString(match.port) ?? port;
  const name = asString(match.name);
  const targetPort = asString(match.targetPort) ?? number;
  return {
    label: name && name !== number ? `${name} (${number})` : number,
    detail: { port: number, targetPort, ...(name ? { portName: name } : {}) },
  };
}

/**
 * `what` is the French route description, e.g. « l’hôte ffe.fr/ »; the reason reads
 * « route l’hôte ffe.fr/ vers le port 80 ».
 */
export function routeToService(
  env: Environment,
  route: Resource,
  backend: ServiceBackend,
  what: string,
  extra: Record<string, string> = {},
): BackendResult {
  const service = findResource(env, 'Service', backend.namespace, backend.name, ['']);
  if (!service) {
    const where = backend.namespace ? ` dans le namespace ${backend.namespace}` : '';
    return {
      finding: finding(
        route,
        'FFE-E-SERVICE-MISSING',
        'error',
        `${capitalize(describe(route))} envoie le trafic vers le Service ${backend.name}, qui n’existe pas${where}.`,
        `Corrigez le nom du Service dans ${route.id.kind} ${route.id.name} ou ajoutez le Service ${backend.name}${where}.`,
      ),
    };
  }
  if (backend.port === undefined) {
    return { relation: edge(env, 'routes-to', route, service.key, `route ${what} vers le Service ${service.id.name}`, extra) };
  }
  const port = portLabel(service, backend.port);
  if (!port) {
    const known = asRecords(specOf(service).ports)
      .map((p) => asString(p.name) ?? asString(p.port))
      .filter((p): p is string => p !== undefined);
    return {
      finding: finding(
        route,
        'FFE-E-SERVICE-PORT-MISSING',
        'error',
        `${capitalize(describe(route))} envoie le trafic vers le port ${backend.port} du Service ${service.id.name}, qui n’expose pas ce port.`,
        `Ports du Service ${service.id.name} : ${known.join(', ') || 'aucun'}. Corrigez le port dans ${route.id.kind} ${route.id.name}.`,
      ),
    };
  }
  return {
    relation: edge(env, 'routes-to', route, service.key, `route ${what} vers le port ${port.label}`, { ...port.detail, ...extra }),
  };
}

