// Ingress → Service: which host and path reach which Service port.
import type { Environment, Resource } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { joinFrench } from '../french.ts';
import { resourcesOfKind } from './common.ts';
import { routeToService, type ServiceBackend } from './service-backend.ts';

interface Route {
  backend: ServiceBackend;
  // « ffe.fr/ », « */api » when the rule has no host, « par défaut » for the default backend.
  label: string;
}

function backendOf(ingress: Resource, backend: unknown): ServiceBackend | undefined {
  const service = asRecord(asRecord(backend)?.service);
  const name = asString(service?.name);
  if (!name) return undefined;
  const port = asRecord(service?.port);
  return { namespace: ingress.id.namespace, name, port: asString(port?.number) ?? asString(port?.name) };
}

function routesOf(ingress: Resource): Route[] {
  const spec = specOf(ingress);
  const routes: Route[] = [];
  const fallback = backendOf(ingress, spec.defaultBackend);
  if (fallback) routes.push({ backend: fallback, label: 'par défaut' });
  for (const rule of asRecords(spec.rules)) {
    const host = asString(rule.host) ?? '*';
    for (const path of asRecords(asRecord(rule.http)?.paths)) {
      const backend = backendOf(ingress, path.backend);
      if (backend) routes.push({ backend, label: `${host}${asString(path.path) ?? '/'}` });
    }
  }
  return routes;
}

function describeRoutes(labels: string[]): string {
  if (labels.length === 1) return labels[0] === 'par défaut' ? 'le trafic par défaut' : `l’hôte ${labels[0]}`;
  return joinFrench(labels.map((l) => (l === 'par défaut' ? 'le trafic par défaut' : l)));
}

export function ingressRoutes(env: Environment): RelationResult {
  const result: RelationResult = { relations: [], findings: [] };
  for (const ingress of resourcesOfKind(env, 'Ingress', ['networking.k8s.io', 'extensions'])) {
    const byBackend = new Map<string, { backend: ServiceBackend; labels: string[] }>();
    for (const route of routesOf(ingress)) {
      const id = `${route.backend.name}:${route.backend.port ?? ''}`;
      const group = byBackend.get(id) ?? { backend: route.backend, labels: [] };
      group.labels.push(route.label);
      byBackend.set(id, group);
    }
    for (const { backend, labels } of byBackend.values()) {
      const { relation, finding } = routeToService(env, ingress, backend, describeRoutes(labels), { hosts: labels.join(' ') });
      if (relation) result.relations.push(relation);
      if (finding) result.findings.push(finding);
    }
  }
  return result;
}
