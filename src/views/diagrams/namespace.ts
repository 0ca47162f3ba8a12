// One namespace of an environment: its resources, their relations, and what they reach outside it.
import { kindLabel, plural, type Model } from '../../infra/index.ts';
import { aggregateGraph, slug, type Aggregate, type DiagramEdge, type DiagramNode, type DiagramView, type Graph } from '../diagram.ts';
import { applicationOf, envContext, resourceNode, uniqueSorted } from '../context.ts';
import { relationEdgeLabel } from '../wording.ts';
import { namespacePath, parseResourceKey } from '../paths.ts';
import { diagramView, readable, sizeText } from './shared.ts';

/** Kinds that support an application rather than being one: collapsed per kind first when a namespace is big. */
const SUPPORTING_KINDS = new Set([
  'ConfigMap',
  'Secret',
  'SealedSecret',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'PodMonitor',
  'ServiceMonitor',
  'PrometheusRule',
  'Certificate',
  'Middleware',
]);

export function namespaceDiagram(model: Model, envName: string, namespace: string): DiagramView {
  const ctx = envContext(model, envName);
  const env = ctx.env;
  const inside = env.resources.filter((r) => r.id.namespace === namespace);
  const insideKeys = new Set(inside.map((r) => r.key));
  const outsideGroup = { key: 'outside', label: 'Hors de l’espace de noms' };
  const nodes: DiagramNode[] = inside.map((r) => resourceNode(ctx, r.key));
  const edges: DiagramEdge[] = [];
  for (const relation of ctx.relations) {
    const fromIn = insideKeys.has(relation.from);
    const toIn = insideKeys.has(relation.to);
    if (!fromIn && !toIn) continue;
    for (const [key, isIn] of [[relation.from, fromIn], [relation.to, toIn]] as const) {
      if (!isIn) nodes.push(resourceNode(ctx, key, { group: outsideGroup.key, showNamespace: true }));
    }
    edges.push({ from: relation.from, to: relation.to, label: relationEdgeLabel(relation.type), ...(relation.type.startsWith('allows') || relation.type === 'applies-to' ? { dashed: true } : {}) });
  }
  const nsHref = namespacePath(env.name, namespace);
  // Step 1: resources of other namespaces collapse per namespace, supporting kinds of this one per kind.
  const byKind = (node: DiagramNode): Aggregate | undefined => {
    if (!insideKeys.has(node.key)) {
      const other = parseResourceKey(node.key).namespace;
      return {
        key: `outside:${other ?? '_cluster'}`,
        label: other ? `Espace de noms ${other} ({n} éléments)` : 'Ressources de cluster ({n})',
        cls: 'other',
        href: namespacePath(env.name, other),
        group: outsideGroup.key,
      };
    }
    const id = parseResourceKey(node.key);
    if (!SUPPORTING_KINDS.has(id.kind)) return undefined;
    return { key: `kind:${id.kind}`, label: `${kindLabel(id)} ×{n}`, cls: node.cls, href: nsHref };
  };
  const byApplication = (node: DiagramNode): Aggregate | undefined => {
    if (!insideKeys.has(node.key) && !node.key.startsWith('kind:')) return undefined;
    const app = applicationOf(env.byKey.get(node.key)) ?? 'autres';
    return { key: `app:${app}`, label: `Application ${app} ({n} éléments)`, cls: 'other', href: nsHref };
  };
  const full: Graph = { nodes, edges, groups: [outsideGroup] };
  const { graph, aggregated } = readable(full, [(g) => aggregateGraph(g, byKind), (g) => aggregateGraph(g, byApplication)]);
  const kinds = uniqueSorted(inside.map((r) => kindLabel(r.id)));
  const description =
    `Espace de noms ${namespace} de l’environnement ${env.name} : ${plural(inside.length, 'ressource')} ` +
    `(${kinds.join(', ') || 'aucune'}) et leurs relations ; ${sizeText(graph)} dans le schéma.` +
    (aggregated ? ' Les ressources secondaires sont regroupées par type ou par application ; la liste complète est dans le tableau.' : '');
  return diagramView(`namespace-${slug(env.name)}-${slug(namespace)}`, graph, `Espace de noms ${namespace} (${env.name})`, description);
}
