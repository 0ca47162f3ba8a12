// Index pages: what an environment holds (namespaces, kinds, findings, diagrams) and what a namespace holds.
import { compareText, countBySeverity, distinctFindings, kindLabel, type Finding, type Model, type Resource, type Severity } from '../infra/index.ts';
import { envContext } from './context.ts';
import { environmentViews } from './diagrams/environment.ts';
import { namespaceDiagram } from './diagrams/namespace.ts';
import type { DiagramView } from './diagram.ts';
import { environmentPath, namespacePath } from './paths.ts';
import { inventoryRows, type InventoryRow } from './tables/inventory.ts';

export interface KindCount {
  kind: string;
  kindLabel: string;
  count: number;
}

export interface NamespaceSummary {
  name: string;
  href: string;
  resources: number;
  kinds: KindCount[];
  findings: Record<Severity, number>;
}

export interface EnvironmentIndex {
  env: string;
  href: string;
  resources: number;
  namespaces: NamespaceSummary[];
  /** Cluster-scoped resources (Namespaces, ClusterRoles, StorageClasses…). */
  clusterScoped: InventoryRow[];
  kinds: KindCount[];
  findings: Record<Severity, number>;
  diagrams: DiagramView[];
}

export interface NamespaceIndex {
  env: string;
  namespace: string;
  href: string;
  resources: InventoryRow[];
  kinds: KindCount[];
  findings: Finding[];
  diagram: DiagramView;
}

/** How many resources of each kind (a kind name shared by two API groups counts twice, each with its label). */
function kindCounts(ids: Pick<Resource['id'], 'group' | 'kind'>[]): KindCount[] {
  const counts = new Map<string, { id: Pick<Resource['id'], 'group' | 'kind'>; count: number }>();
  for (const id of ids) {
    const at = `${id.kind}\u0000${id.group}`;
    counts.set(at, { id, count: (counts.get(at)?.count ?? 0) + 1 });
  }
  return [...counts]
    .sort(([a], [b]) => compareText(a, b))
    .map(([, { id, count }]) => ({ kind: id.kind, kindLabel: kindLabel(id), count }));
}

/**
 * The findings of an environment (or of one of its namespaces), each once per place as `npm run check` counts them; a
 * finding of a file rather than of an environment belongs to the only environment there is.
 */
function findingsIn(model: Model, env: string, namespace?: string): Finding[] {
  const prefix = `${env}/`;
  const only = model.environments.length === 1;
  return distinctFindings(
    model.findings.filter((f) => {
      if (namespace === undefined) return f.env === env || (f.resource?.startsWith(prefix) ?? false) || (only && f.env === undefined && f.resource === undefined);
      return f.resource !== undefined && f.resource.split('/')[0] === env && f.resource.split('/')[3] === namespace;
    }),
  );
}

export function environmentIndex(model: Model, envName: string): EnvironmentIndex {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const namespaces = env.namespaces.map((ns) => {
    const inside = env.resources.filter((r) => r.id.namespace === ns);
    return {
      name: ns,
      href: namespacePath(env.name, ns),
      resources: inside.length,
      kinds: kindCounts(inside.map((r) => r.id)),
      findings: countBySeverity(findingsIn(model, env.name, ns)),
    };
  });
  return {
    env: env.name,
    href: environmentPath(env.name),
    resources: env.resources.length,
    namespaces,
    clusterScoped: inventoryRows(model, env.name).filter((r) => r.namespace === undefined),
    kinds: kindCounts(env.resources.map((r) => r.id)),
    findings: countBySeverity(findingsIn(model, env.name)),
    // Namespace diagrams are on the namespace pages, request paths on the resource pages: an index stays light.
    diagrams: environmentViews(model, env.name),
  };
}

export function namespaceIndex(model: Model, envName: string, namespace: string): NamespaceIndex {
  const rows = inventoryRows(model, envName, namespace);
  return {
    env: envName,
    namespace,
    href: namespacePath(envName, namespace),
    resources: rows,
    kinds: kindCounts(rows),
    findings: findingsIn(model, envName, namespace),
    diagram: namespaceDiagram(model, envName, namespace),
  };
}
