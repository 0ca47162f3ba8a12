// The shared end of every route (Ingress, Gateway API routes, Traefik IngressRoute): a Service and one of its ports.
import { capitalize } from '../french.ts';
import type { ServiceBackend } from '../kinds/routes.ts';
import { serviceOf, servicePort, type ServiceFacts } from '../kinds/services.ts';
import type { Environment, Finding, Relation, Resource } from '../model.ts';
import { describe, edge, finding, findResource } from './common.ts';

export interface BackendResult {
  relation?: Relation;
  finding?: Finding;
}

function portLabel(service: ServiceFacts, port: string): { label: string; detail: Record<string, string> } | undefined {
  const match = servicePort(service, port);
  if (!match) return undefined;
  const { port: number, name, targetPort } = match;
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
        backend.at,
      ),
    };
  }
  if (backend.port === undefined) {
    return { relation: edge(env, 'routes-to', route, service.key, `route ${what} vers le Service ${service.id.name}`, extra) };
  }
  const facts = serviceOf(service.object);
  const port = portLabel(facts, backend.port);
  if (!port) {
    const known = facts.ports.map((p) => p.name ?? p.port);
    return {
      finding: finding(
        route,
        'FFE-E-SERVICE-PORT-MISSING',
        'error',
        `${capitalize(describe(route))} envoie le trafic vers le port ${backend.port} du Service ${service.id.name}, qui n’expose pas ce port.`,
        `Ports du Service ${service.id.name} : ${known.join(', ') || 'aucun'}. Corrigez le port dans ${route.id.kind} ${route.id.name}.`,
        backend.at,
      ),
    };
  }
  return {
    relation: edge(env, 'routes-to', route, service.key, `route ${what} vers le port ${port.label}`, { ...port.detail, ...extra }),
  };
}

