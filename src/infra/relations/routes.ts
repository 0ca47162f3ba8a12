// Route → Service, for every route kind (Ingress, Traefik IngressRoute and IngressRouteTCP, Gateway API routes): which
// hosts and paths reach which Service port. The kind's parser (named by the registry) reads the route; one edge per
// Service port, with every host and path that reaches it.
import { joinFrench } from '../french.ts';
import type { RelationBuilder, RelationResult } from '../kinds/entry.ts';
import type { RouteRule, ServiceBackend } from '../kinds/routes.ts';
import { routeToService } from './service-backend.ts';

const FALLBACK = 'par défaut';

/** « ffe.fr/ »; the host is `*` when the rule names none; « par défaut » for an Ingress default backend. */
function labelsOf(rule: RouteRule): string[] {
  return rule.fallback ? [FALLBACK] : rule.matches.map((m) => `${m.host}${m.path}`);
}

/** « l’hôte ffe.fr/ », « le trafic par défaut », « ffe.fr/a et ffe.fr/b ». */
function describeRoutes(labels: string[]): string {
  const named = labels.map((l) => (l === FALLBACK ? 'le trafic par défaut' : l));
  return labels.length === 1 && labels[0] !== FALLBACK ? `l’hôte ${labels[0]}` : joinFrench(named);
}

interface Group {
  backend: ServiceBackend;
  expression?: string;
  labels: string[];
}

export const routeEdges: RelationBuilder = (env, resource, entry) => {
  const result: RelationResult = { relations: [], findings: [] };
  const route = entry.route!(resource.object, resource.id.namespace);
  // Every host and path reaching the same Service port make one edge; Traefik keeps one per rule expression.
  const groups = new Map<string, Group>();
  for (const rule of route.rules) {
    for (const backend of rule.services) {
      const id = JSON.stringify([backend.namespace ?? '', backend.name, backend.port ?? '', rule.expression ?? null]);
      const group = groups.get(id) ?? { backend, ...(rule.expression !== undefined ? { expression: rule.expression } : {}), labels: [] };
      for (const label of labelsOf(rule)) if (!group.labels.includes(label)) group.labels.push(label);
      groups.set(id, group);
    }
  }
  for (const { backend, expression, labels } of groups.values()) {
    const extra: Record<string, string> = expression !== undefined ? { match: expression } : { hosts: labels.join(' ') };
    const { relation, finding } = routeToService(env, resource, backend, describeRoutes(labels), extra);
    if (relation) result.relations.push(relation);
    if (finding) result.findings.push(finding);
  }
  return result;
};
