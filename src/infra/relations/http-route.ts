// Gateway API HTTPRoute → Service: which hostnames and paths reach which Service port.
import type { Environment, Resource } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecord, asRecords, asString, specOf } from '../fields.ts';
import { joinFrench } from '../french.ts';
import { resourcesOfKind } from './common.ts';
import { routeToService } from './service-backend.ts';

function pathsOf(rule: Record<string, unknown>): string[] {
  const paths = asRecords(rule.matches)
    .map((m) => asString(asRecord(m.path)?.value))
    .filter((p): p is string => p !== undefined);
  return paths.length > 0 ? paths : ['/'];
}

function labelsOf(route: Resource, rule: Record<string, unknown>): string[] {
  const hosts = Array.isArray(specOf(route).hostnames) ? (specOf(route).hostnames as unknown[]).map(String) : ['*'];
  return hosts.flatMap((h) => pathsOf(rule).map((p) => `${h}${p}`));
}

export function httpRouteRoutes(env: Environment): RelationResult {
  const result: RelationResult = { relations: [], findings: [] };
  for (const route of resourcesOfKind(env, 'HTTPRoute', ['gateway.networking.k8s.io'])) {
    for (const rule of asRecords(specOf(route).rules)) {
      const labels = labelsOf(route, rule);
      for (const ref of asRecords(rule.backendRefs)) {
        const kind = asString(ref.kind) ?? 'Service';
        const group = asString(ref.group) ?? '';
        const name = asString(ref.name);
        if (kind !== 'Service' || (group !== '' && group !== 'core') || !name) continue;
        const what = labels.length === 1 ? `l’hôte ${labels[0]}` : joinFrench(labels);
        const backend = { namespace: asString(ref.namespace) ?? route.id.namespace, name, port: asString(ref.port) };
        const { relation, finding } = routeToService(env, route, backend, what, { hosts: labels.join(' ') });
        if (relation) result.relations.push(relation);
        if (finding) result.findings.push(finding);
      }
    }
  }
  return result;
}
