// What the diagram views of an environment share: ids, namespace groups, the step-by-step aggregation that keeps a
// diagram readable, and the workloads behind an endpoint.
import {
  fitsMermaid,
  normalizeGraph,
  READABLE_NODES,
  type Aggregate,
  type DiagramNode,
  type DiagramView,
  type Graph,
} from '../diagram.ts';
import { out, type EnvContext } from '../context.ts';
import { plural, type Endpoint } from '../../infra/index.ts';
import { namespacePath } from '../paths.ts';

export const nsGroupKey = (env: string, ns: string): string => `ns:${env}/${ns}`;
export const nsGroup = (env: string, ns: string) => ({ key: nsGroupKey(env, ns), label: `Espace de noms ${ns}` });

/** « 12 éléments et 15 liens » once the graph is normalized, for the descriptions read by screen readers. */
export function sizeText(graph: Graph): string {
  const normal = normalizeGraph(graph);
  return `${plural(normal.nodes.length, 'élément')} et ${plural(normal.edges.length, 'lien')}`;
}

/**
 * Applies the aggregation steps in order until the graph is readable (≤ READABLE_NODES nodes) and within mermaid's
 * limits; the last step is kept even if still large, so the reader gets the coarsest view rather than nothing.
 */
export function readable(graph: Graph, steps: ((g: Graph) => Graph)[]): { graph: Graph; aggregated: boolean } {
  let current = normalizeGraph(graph);
  let aggregated = false;
  for (const step of steps) {
    if (current.nodes.length <= READABLE_NODES && fitsMermaid(current)) break;
    current = step(current);
    aggregated = true;
  }
  return { graph: current, aggregated };
}

export function diagramView(id: string, graph: Graph, title: string, description: string): DiagramView {
  return { id, title, description, graph: normalizeGraph(graph) };
}

export function namespaceAggregate(env: string): (node: DiagramNode) => Aggregate | undefined {
  return (node) => {
    if (!node.group?.startsWith('ns:')) return undefined;
    const ns = node.group.slice(node.group.indexOf('/') + 1);
    return { key: `agg:${node.group}`, label: `Espace de noms ${ns} ({n} éléments)`, cls: 'other', href: namespacePath(env, ns) };
  };
}

/** Workloads reached from each endpoint: endpoint → Service → selected workloads. */
export function endpointWorkloads(ctx: EnvContext, endpoint: Endpoint): string[] {
  if (!endpoint.service) return [];
  return out(ctx, endpoint.service, 'selects').map((r) => r.to);
}
