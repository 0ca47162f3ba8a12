// Traefik IngressRoute → Service: which Host()/Path() match reaches which Service port.
import type { Environment } from '../model.ts';
import type { RelationResult } from './index.ts';
import { asRecords, asString, specOf } from '../fields.ts';
import { joinFrench } from '../french.ts';
import { resourcesOfKind } from './common.ts';
import { routeToService } from './service-backend.ts';

const TRAEFIK_GROUPS = ['traefik.io', 'traefik.containo.us'];

function argumentsOf(match: string, matchers: string[]): string[] {
  const values: string[] = [];
  const call = new RegExp(`\\b(?:${matchers.join('|')})\\(([^)]*)\\)`, 'g');
  for (const [, args] of match.matchAll(call)) {
    for (const [, value] of args.matchAll(/[`"']([^`"']*)[`"']/g)) values.push(value);
  }
  return values;
}

/** « Host(`ffe.fr`) && PathPrefix(`/api`) » → ['ffe.fr/api']. */
export function matchLabels(match: string): string[] {
  const hosts = argumentsOf(match, ['Host', 'HostSNI']);
  const paths = argumentsOf(match, ['PathPrefix', 'Path']);
  return (hosts.length > 0 ? hosts : ['*']).flatMap((h) => (paths.length > 0 ? paths : ['/']).map((p) => `${h}${p}`));
}

export function ingressRouteRoutes(env: Environment): RelationResult {
  const result: RelationResult = { relations: [], findings: [] };
  const routes = [...resourcesOfKind(env, 'IngressRoute', TRAEFIK_GROUPS), ...resourcesOfKind(env, 'IngressRouteTCP', TRAEFIK_GROUPS)];
  for (const route of routes) {
    for (const rule of asRecords(specOf(route).routes)) {
      const labels = matchLabels(asString(rule.match) ?? '');
      for (const service of asRecords(rule.services)) {
        const name = asString(service.name);
        if (!name || (asString(service.kind) ?? 'Service') !== 'Service') continue;
        const what = labels.length === 1 ? `l’hôte ${labels[0]}` : joinFrench(labels);
        const backend = { namespace: asString(service.namespace) ?? route.id.namespace, name, port: asString(service.port) };
        const { relation, finding } = routeToService(env, route, backend, what, { match: asString(rule.match) ?? '' });
        if (relation) result.relations.push(relation);
        if (finding) result.findings.push(finding);
      }
    }
  }
  return result;
}
